"""axe-core (shipped inside the axe-playwright-python wheel) over the citizen pages, WCAG 2.2 AA rules included."""

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page) -> dict:
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)


def violations_of(result: dict) -> list:
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


@pytest.mark.parametrize("path", ["/", "/dich-vu/ho-so/"])
def test_citizen_pages_have_no_accessibility_violations(phone, live_server, path):
    page = phone.new_page()
    page.goto(live_server.url + path)
    result = run_axe(page)
    assert result["passes"], "axe ran no rule: the check itself is broken"
    assert "target-size" in {rule["id"] for rule in result["passes"] + result["inapplicable"]}
    assert violations_of(result) == []


@pytest.mark.parametrize("path", ["/thong-bao/", "/thong-bao/cai-dat/"])
def test_the_notification_pages_have_no_accessibility_violations(phone, live_server, sign_in, path):
    from agencies.tests.factories import CitizenFactory
    from notifications.services import notify

    citizen = CitizenFactory(full_name="Nguyễn Văn An")
    notify(recipient=citizen, event="question_answered", context={"question_title": "Đăng ký kết hôn"})
    sign_in(phone, citizen)
    page = phone.new_page()
    page.goto(live_server.url + path)
    assert page.locator("h1").count() == 1
    assert "Thông báo" in page.locator("header").inner_text()
    assert violations_of(run_axe(page)) == []
