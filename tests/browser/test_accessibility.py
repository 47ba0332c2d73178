"""axe-core (shipped inside the axe-playwright-python wheel) over the citizen pages, WCAG 2.2 AA rules included."""

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page) -> dict:
    # Evaluated through the DevTools protocol, not as a <script> tag: our CSP forbids inline scripts, rightly.
    page.evaluate(AXE_JS.read_text())
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)


def violations_of(result: dict) -> list:
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


@pytest.mark.parametrize("path", ["/", "/dich-vu/ho-so/", "/dang-nhap/", "/dang-nhap/ma/"])
def test_citizen_pages_have_no_accessibility_violations(phone, live_server, path):
    page = phone.new_page()
    page.goto(live_server.url + path)
    result = run_axe(page)
    assert result["passes"], "axe ran no rule: the check itself is broken"
    assert "target-size" in {rule["id"] for rule in result["passes"] + result["inapplicable"]}
    assert violations_of(result) == []


@pytest.mark.parametrize(
    "path",
    [
        "/thong-bao/",
        "/thong-bao/cai-dat/",
        "/tai-khoan-cua-toi/",
        "/tai-khoan-cua-toi/so-dien-thoai/",
        "/du-lieu-cua-toi/",
        "/ho-so/cua-toi/",
        "/phan-anh/cua-toi/",
    ],
)
def test_signed_in_citizen_pages_have_no_accessibility_violations(phone, live_server, sign_in, path):
    from agencies.tests.factories import CitizenFactory, consented
    from notifications.services import notify

    citizen = consented(CitizenFactory(full_name="Nguyễn Văn An"))
    notify(recipient=citizen, event="question_answered", context={"question_title": "Đăng ký kết hôn"})
    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(live_server.url + path)
    assert page.url == live_server.url + path  # not sent elsewhere (sign-in, consent)
    assert page.locator("h1").count() == 1
    assert "Thông báo" in page.locator("header").inner_text()
    assert violations_of(run_axe(page)) == []


def test_the_consent_page_a_new_citizen_sees_is_accessible(phone, live_server, sign_in):
    from django.core.cache import cache
    from django.utils import timezone

    from agencies.tests.factories import CitizenFactory
    from identity.models import ConsentNotice

    # Transactional tests start from empty tables, without the notice the migration publishes.
    ConsentNotice.objects.get_or_create(
        version="1.0",
        defaults={"title": "Thông báo về xử lý dữ liệu cá nhân", "text": "Nội dung.", "published_at": timezone.now()},
    )
    cache.delete("identity:current_consent_version")
    sign_in(phone, CitizenFactory(full_name="Lê Văn Cường"))
    page = phone.new_page()
    page.goto(live_server.url + "/thong-bao/")
    assert "/dong-y/" in page.url
    assert page.get_by_role("button", name="Tôi đồng ý").is_visible()
    assert violations_of(run_axe(page)) == []
    page.get_by_role("button", name="Tôi đồng ý").click()
    page.wait_for_url("**/thong-bao/")
