"""Vietnamese everywhere in the back office: a crawl of every admin page each role can reach (the home, every list,
one record of each, every add form, the workspaces) that fails on English words and on Django's "object (…)"."""

import re
from html.parser import HTMLParser

import pytest

from agencies.tests.factories import with_totp
from dossiers.services import dossier_receive

ENGLISH = [
    "object (",
    "Toggle theme",
    "Show counts",
    "Hide counts",
    "Public id",
    "Dedupe key",
    "Add",
    "Change",
    "Delete",
    "Save",
    "Search",
    "Filter",
    "Clear all filters",
    "Select all",
    "Action",
    "Go",
    "Home",
    "Log out",
    "View site",
    "History",
    "Welcome",
    "None",
    "Yes",
    "Unknown",
    "Recent actions",
    "Show all",
    "Today",
    "Now",
    "Choose",
    "Accounts",
    "ACCOUNTS",
    "Tasks",
    "TASKS DATABASE BACKEND",
    "Task Result",
    "Auth Token",
    "Social",
    "Password",
    "Email",
    "Run the selected action",
    "Date",
    "Currently",
    "No file chosen",
    "By",
    "Summary",
    "Skip to main content",
    "Can",
]
_WORD = {
    word: re.compile(r"(?<![\w-])" + re.escape(word) + (r"(?![\w-])" if word[-1].isalnum() else "")) for word in ENGLISH
}
_VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "value"}


class _VisibleText(HTMLParser):
    """What a person reads: text outside scripts and styles, and the attributes a screen or a reader shows."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        hidden_input = tag == "input" and dict(attrs).get("type") == "hidden"
        for name, value in attrs:
            if name in _VISIBLE_ATTRIBUTES and value and not hidden_input and not (tag == "option" and name == "value"):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def english_in(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    text = "\n".join(parser.parts)
    return [word for word, pattern in _WORD.items() if pattern.search(text)]


def _links(html: str) -> set[str]:
    return set(re.findall(r'href="(/admin/[^"#?]*)"', html))


def crawl(client) -> tuple[dict[str, list[str]], set[str]]:
    """Visit the home, every list it links, the first record and the add form of each list; return the English
    found per page."""
    found, seen = {}, set()
    home = client.get("/admin/")
    assert home.status_code == 200
    queue = ["/admin/"] + sorted(_links(home.content.decode()))
    while queue:
        url = queue.pop(0)
        if url in seen or "/logout/" in url or "/password/" in url or url.endswith("/delete/"):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if leaks := english_in(html):
            found[url] = leaks
        if url.count("/") == 4:  # a list: its first record, its add form and its own pages
            records = sorted(link for link in _links(html) if re.fullmatch(re.escape(url) + r"\d+/change/", link))
            extra = [link for link in _links(html) if link.startswith(url) and link != url and "/change/" not in link]
            queue += records[:1] + extra
    return found, seen


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "head", "viewer", "dashboard", "superuser"])
def test_no_english_on_any_back_office_page(client, world, role, django_user_model):
    dossier_receive(dossier=world.dossier, officer=world.officer)
    if role == "superuser":
        person = django_user_model.objects.create_superuser("quantri", password="Mat-khau-thu-2026")
        person.full_name = "Quản Trị Viên"
        person.save()
        with_totp(person)
    else:
        person = world.person(role)
    client.force_login(person)
    found, seen = crawl(client)
    assert found == {}
    if role in ("officer", "head", "superuser"):  # the crawl reached the workspaces, not just the home
        assert f"/admin/dossiers/dossier/{world.dossier.pk}/change/" in seen
        assert f"/admin/reports/report/{world.report.pk}/change/" in seen
        assert f"/admin/payments/paymentattempt/{world.payment.pk}/change/" in seen
        assert "/admin/tuition/tuitionbatch/nhap-tep/" in seen
    assert len(seen) >= 3


def test_the_crawl_can_fail():
    assert english_in('<button title="Toggle theme">x</button><p>ReportPhoto object (43)</p>') == [
        "object (",
        "Toggle theme",
    ]
    assert english_in("<p>Hồ sơ · Đăng ký khai sinh</p><script>var Add = 1;</script>") == []


def test_our_translations_are_compiled_and_current():
    """django.mo must say what django.po says (a .po edited without `msgfmt` would silently not apply)."""
    from django.conf import settings
    from django.utils import translation

    text = (settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', text, flags=re.MULTILINE)
    assert len(pairs) > 40
    with translation.override("vi"):
        for source, target in pairs:
            assert translation.gettext(source) == target, source


@pytest.mark.django_db
def test_permissions_are_named_in_vietnamese():
    from django.contrib.auth.models import Permission

    assert Permission.objects.get(codename="view_dossierattachment").name == "Xem tệp đính kèm"
    assert not Permission.objects.filter(name__startswith="Can ").exists()
