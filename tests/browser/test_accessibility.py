"""axe-core (shipped inside the axe-playwright-python wheel) over the citizen pages, WCAG 2.2 AA rules included."""

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("path", ["/", "/dich-vu/ho-so/"])
def test_citizen_pages_have_no_accessibility_violations(phone, live_server, path):
    page = phone.new_page()
    page.goto(live_server.url + path)
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert result["passes"], "axe ran no rule: the check itself is broken"
    assert "target-size" in {rule["id"] for rule in result["passes"] + result["inapplicable"]}
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == []
