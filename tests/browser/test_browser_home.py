import pytest

from citizen_portal.utilities import UTILITIES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_on_a_small_phone_sees_every_tile_and_opens_one(phone, live_server, tmp_path):
    page = phone.new_page()
    page.goto(live_server.url + "/")

    tiles = page.locator("a.tile")
    assert tiles.count() == len(UTILITIES)
    # Fits 360 px: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Body text at least 18 px; every tile is a big tap target.
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
    for index in range(tiles.count()):
        box = tiles.nth(index).bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)

    page.get_by_role("link", name="Truyền hình, radio").click()
    page.wait_for_url("**/truyen-hinh/")
    assert page.locator("h1").inner_text() == "Truyền hình, radio"
    page.get_by_role("link", name="Cổng Công dân").first.click()
    page.wait_for_url(live_server.url + "/")


def test_the_home_page_works_with_javascript_off(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Tin tức").click()
    page.wait_for_url("**/tin-tuc/")
    assert page.locator("h1").inner_text() == "Tin tức"
    context.close()
