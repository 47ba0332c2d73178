import re

import pytest

from citizen_portal.utilities import UTILITIES


@pytest.mark.django_db
def test_the_home_page_shows_a_tile_for_every_utility(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    titles = [
        "Nộp hồ sơ trực tuyến",
        "Phản ánh hiện trường",
        "Hỏi đáp trực tuyến",
        "Cửa hàng 4.0",
        "Thanh toán học phí",
        "Truyền hình, radio",
        "Tin tức",
        "Tài khoản của tôi",
    ]
    for title in titles:
        assert title in page
    for utility in UTILITIES:
        assert f'href="{utility.get_absolute_url()}"' in page
    assert page.count('class="tile"') == 8


@pytest.mark.django_db
def test_the_home_page_needs_no_javascript_no_cdn_and_one_stylesheet(client):
    page = client.get("/").content.decode()
    assert "<script" not in page
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/css/portal.css"]
    assert "http://" not in page and "https://" not in page
    assert 'name="viewport"' in page


@pytest.mark.django_db
def test_the_signed_in_citizen_is_greeted_by_name(client, citizen):
    client.force_login(citizen)
    assert "Xin chào, Nguyễn Văn An" in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("utility", UTILITIES, ids=lambda u: u.slug)
def test_each_tile_leads_to_its_working_page(client, citizen, utility):
    client.force_login(citizen)
    assert utility.is_available
    response = client.get(utility.get_absolute_url())
    assert response.status_code == 200
    assert "đang được xây dựng" not in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_utility_is_not_found(client):
    assert client.get("/dich-vu/khong-co/").status_code == 404


def test_the_stylesheet_keeps_text_large_and_targets_tappable():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "portal.css").read_text()
    assert "font:18px/1.5 system-ui" in css
    assert "@import" not in css and "url(" not in css  # no web fonts, no extra requests
    sizes = [float(size) for size in re.findall(r"font-size:([0-9.]+)rem", css)]
    assert all(size >= 1 for size in sizes), sizes
    assert "min-height:48px" in css


@pytest.mark.django_db
def test_a_missing_page_explains_itself_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page
    assert 'href="/"' in page


def test_the_server_error_page_stands_alone():
    # 500.html is rendered without a request context, so it may not rely on context processors or static files.
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in page
    assert "{%" not in page and "static" not in page


@pytest.mark.django_db
def test_signed_in_the_home_page_links_my_dossiers_reports_and_inbox_with_counts(client, citizen):
    client.force_login(citizen)
    page = client.get("/").content.decode()
    assert '<a href="/ho-so/cua-toi/">Hồ sơ của tôi (0)</a>' in page
    assert '<a href="/phan-anh/cua-toi/">Phản ánh của tôi (0)</a>' in page
    assert 'href="/thong-bao/"' in page
    account = client.get("/tai-khoan-cua-toi/").content.decode()
    assert "Hồ sơ của tôi (0)" in account and "Phản ánh của tôi (0)" in account


@pytest.mark.django_db
def test_a_stale_form_gets_a_vietnamese_phone_sized_page_not_djangos(citizen):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(
        "/tai-khoan-cua-toi/", {"birth_year": "1960"}, HTTP_REFERER="http://testserver/tai-khoan-cua-toi/"
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Trang đã mở quá lâu" in page and "CSRF" not in page
    assert 'name="viewport"' in page and 'href="http://testserver/tai-khoan-cua-toi/"' in page
    evil = client.post("/tai-khoan-cua-toi/", {}, HTTP_REFERER="https://lua-dao.example/")
    assert "lua-dao" not in evil.content.decode()
