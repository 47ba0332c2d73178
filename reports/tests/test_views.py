"""The citizen pages through the test client: filing with JavaScript off, the duplicate check, the public page,
privacy of names and non-public categories, rating, rate limits and the feed's query count."""

import re

import pytest

from reports.models import Report
from reports.services import report_resolve
from reports.tests.conftest import HERE, NEAR, photo
from reports.tests.test_services import filed
from reports.workflow import ReportStatus


def form_data(categories, **overrides):
    from reports.models import Category

    ward = Category.objects.get(slug="cay-gay-do").parent.default_agency.ward  # the agency's own ward
    data = {
        "ward": ward.pk,
        "category": categories["fallen_tree"].pk,
        "description": "Cây me lớn đổ chắn ngang đường Trần Hưng Đạo.",
        "latitude": HERE[0],
        "longitude": HERE[1],
        "photos": [photo()],
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_browsing_is_open_filing_needs_a_login(client, categories):
    assert client.get("/phan-anh/").status_code == 200
    response = client.get("/phan-anh/gui/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.mark.django_db
def test_filing_with_javascript_off_address_and_ward_then_confirm(client, categories, citizen, ward, agency):
    client.force_login(citizen)
    page = client.get("/phan-anh/gui/").content.decode()
    assert "Cây gãy, đổ" in page and "🌳 Cây xanh" in page and ward.name in page
    response = client.post(
        "/phan-anh/gui/",
        form_data(categories, latitude="", longitude="", address="Trước số 45 Trần Hưng Đạo", ward=ward.pk),
    )
    assert response.status_code == 302
    draft = Report.objects.get()
    assert draft.status == ReportStatus.DRAFT and draft.code is None
    page = client.get(response["Location"]).content.decode()
    assert "Trước số 45 Trần Hưng Đạo" in page and "Gửi phản ánh" in page
    response = client.post(response["Location"], {"action": "submit"})
    report = Report.objects.get()
    assert response["Location"] == f"/phan-anh/{report.code}/?moi=1"
    page = client.get(response["Location"]).content.decode()
    assert f"Đã gửi phản ánh {report.code}" in page and report.deadline_at.strftime("%d/%m/%Y") in page
    assert report.agency == agency


@pytest.mark.django_db
def test_bad_input_is_explained_in_vietnamese_and_nothing_is_kept(client, categories, citizen):
    client.force_login(citizen)
    from django.core.files.uploadedfile import SimpleUploadedFile

    forged = SimpleUploadedFile("cay.jpg", b"<!doctype html><html>not a photo</html>", "image/jpeg")
    response = client.post("/phan-anh/gui/", form_data(categories, photos=[forged]))
    assert response.status_code == 400
    assert "không phải là ảnh" in response.content.decode()
    response = client.post("/phan-anh/gui/", form_data(categories, latitude="", longitude=""))
    assert "Cần cho biết vị trí" in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.django_db
def test_a_nearby_open_report_is_offered_and_me_too_follows_it_instead(client, categories, citizen, other_citizen):
    existing = filed(other_citizen, categories["fallen_tree"], where=NEAR)
    client.force_login(citizen)
    confirm_url = client.post("/phan-anh/gui/", form_data(categories))["Location"]
    page = client.get(confirm_url).content.decode()
    assert existing.code in page and "Tôi cũng gặp" in page
    assert re.search(r"cách khoảng 1[0-2]\d m", page)
    response = client.post(confirm_url, {"action": "me-too", "code": existing.code})
    assert response["Location"] == f"/phan-anh/{existing.code}/"
    assert Report.objects.count() == 1  # the draft is gone
    assert Report.objects.get().me_too_count == 1


@pytest.mark.django_db
def test_the_camera_location_is_offered_when_the_photo_has_one(client, categories, citizen, ward):
    client.force_login(citizen)
    confirm_url = client.post(
        "/phan-anh/gui/",
        form_data(
            categories, latitude="", longitude="", address="Chợ Long Hoa", ward=ward.pk, photos=[photo(gps=NEAR)]
        ),
    )["Location"]
    assert "Dùng vị trí chụp ảnh" in client.get(confirm_url).content.decode()
    client.post(confirm_url, {"action": "use-photo-location"})
    assert float(Report.objects.get().latitude) == pytest.approx(NEAR[0], abs=1e-5)


@pytest.mark.django_db
def test_the_public_page_hides_the_reporter_unless_they_chose_otherwise(client, categories, citizen, officer):
    hidden = filed(citizen, categories["fallen_tree"])
    shown = filed(citizen, categories["fallen_tree"], show_name=True)
    resolved = report_resolve(report=hidden, officer=officer, answer="Đội cây xanh đã dọn xong.")
    page = client.get(f"/phan-anh/{resolved.code}/").content.decode()
    assert "Đội cây xanh đã dọn xong." in page and "Người dân (ẩn danh)" in page
    assert citizen.full_name not in page and citizen.phone not in page
    assert citizen.full_name in client.get(f"/phan-anh/{shown.code}/").content.decode()
    feed = client.get("/phan-anh/").content.decode()
    assert resolved.code in feed and citizen.phone not in feed and citizen.full_name not in feed


@pytest.mark.django_db
def test_a_non_public_category_is_seen_only_by_its_reporter_and_the_agency(
    client, categories, citizen, other_citizen, officer, other_officer
):
    private = filed(citizen, categories["disorder"])
    photo_url = f"/phan-anh/anh/{private.photos.get().public_id}/"
    assert private.code not in client.get("/phan-anh/").content.decode()
    for outsider in (None, other_citizen, other_officer):
        client.logout()
        if outsider:
            client.force_login(outsider)
        assert client.get(f"/phan-anh/{private.code}/").status_code == 404
        assert client.get(photo_url).status_code == 404
    for allowed in (citizen, officer):
        client.force_login(allowed)
        assert client.get(f"/phan-anh/{private.code}/").status_code == 200
        assert client.get(photo_url)["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_a_draft_is_private_to_its_author(client, categories, citizen, other_citizen):
    client.force_login(citizen)
    confirm_url = client.post("/phan-anh/gui/", form_data(categories))["Location"]
    photo_url = f"/phan-anh/anh/{Report.objects.get().photos.get().public_id}/nho/"
    assert client.get(photo_url).status_code == 200
    client.force_login(other_citizen)
    assert client.get(confirm_url).status_code == 404
    assert client.post(confirm_url, {"action": "submit"}).status_code == 404
    assert client.get(photo_url).status_code == 404
    client.logout()
    assert client.get(photo_url).status_code == 404


@pytest.mark.django_db
def test_the_reporter_rates_and_an_unhappy_rating_asks_to_reopen(client, categories, citizen, other_citizen, officer):
    report = report_resolve(report=filed(citizen, categories["fallen_tree"]), officer=officer, answer="Đã dọn.")
    client.force_login(other_citizen)
    assert "Đánh giá kết quả" not in client.get(f"/phan-anh/{report.code}/").content.decode()
    assert client.post(f"/phan-anh/{report.code}/danh-gia/", {"rating": 5}).status_code == 404
    client.force_login(citizen)
    assert "Đánh giá kết quả" in client.get(f"/phan-anh/{report.code}/").content.decode()
    client.post(
        f"/phan-anh/{report.code}/danh-gia/",
        {"rating": 1, "reasons": ["not_fixed"], "reopen_reason": "Cây vẫn nằm giữa đường."},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.REOPEN_REQUESTED and report.rating == 1


@pytest.mark.django_db
def test_submissions_are_limited_per_person_per_hour(client, categories, citizen, settings):
    settings.REPORTS = {**settings.REPORTS, "SUBMISSIONS_PER_HOUR_USER": 2}
    client.force_login(citizen)
    statuses = [client.post("/phan-anh/gui/", form_data(categories)).status_code for _ in range(3)]
    assert statuses == [302, 302, 400]
    assert Report.objects.count() == 2


@pytest.mark.django_db
def test_submissions_are_limited_per_address(client, categories, citizen, other_citizen, settings):
    settings.REPORTS = {**settings.REPORTS, "SUBMISSIONS_PER_HOUR_IP": 1}
    client.force_login(citizen)
    assert client.post("/phan-anh/gui/", form_data(categories)).status_code == 302
    client.force_login(other_citizen)
    response = client.post("/phan-anh/gui/", form_data(categories))
    assert response.status_code == 400 and "thử lại sau" in response.content.decode()


@pytest.mark.django_db
def test_the_feed_costs_the_same_queries_for_3_or_30_reports(
    client, categories, citizen, django_assert_max_num_queries
):
    for _ in range(3):
        filed(citizen, categories["fallen_tree"])
    with django_assert_max_num_queries(8) as few:
        client.get("/phan-anh/")
    for _ in range(27):
        filed(citizen, categories["pothole"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/phan-anh/?trang=1").content.decode()
    assert page.count('class="report-card"') == 20


@pytest.mark.django_db
def test_my_reports_lists_what_i_sent_and_what_i_follow(client, categories, citizen, other_citizen):
    mine = filed(citizen, categories["fallen_tree"])
    theirs = filed(other_citizen, categories["pothole"], where=NEAR)
    client.force_login(citizen)
    client.post(f"/phan-anh/{theirs.code}/theo-doi/", {"action": "follow"})
    page = client.get("/phan-anh/cua-toi/").content.decode()
    assert mine.code in page and theirs.code in page and "đang theo dõi" in page


@pytest.mark.django_db
def test_the_feed_search_ignores_diacritics(client, categories, citizen):
    tree = filed(citizen, categories["fallen_tree"], description="Cây đổ trước trường Tiểu học Hòa Thành")
    other = filed(citizen, categories["pothole"], description="Ổ gà lớn")
    page = client.get("/phan-anh/?q=hoa+thanh").content.decode()
    assert tree.code in page and other.code not in page


@pytest.mark.django_db
def test_map_points_are_public_reports_with_rounded_coordinates(client, categories, citizen, settings):
    tree = filed(citizen, categories["fallen_tree"], where=(11.3123456, 106.0987654))
    filed(citizen, categories["disorder"])
    points = client.get("/phan-anh/ban-do.json").json()
    assert points == [
        {
            "code": tree.code,
            "title": "Cây gãy, đổ",
            "status": "Đã tiếp nhận",
            "lat": 11.3123,
            "lon": 106.0988,
            "url": f"/phan-anh/{tree.code}/",
        }
    ]
    assert client.get("/phan-anh/ban-do.json", {"status": "closed"}).json() == []


@pytest.mark.django_db
def test_coordinates_are_written_with_a_decimal_point_not_the_vietnamese_comma(client, categories, citizen):
    report = filed(citizen, categories["fallen_tree"], where=(11.3123456, 106.0987654))
    assert "Tọa độ: 11.3123; 106.0988" in client.get(f"/phan-anh/{report.code}/").content.decode()


@pytest.mark.django_db
def test_the_ward_is_asked_and_remembered_for_the_next_report(client, categories, citizen, ward):
    client.force_login(citizen)
    response = client.post("/phan-anh/gui/", form_data(categories, ward=""))
    assert response.status_code == 400 and "Chọn xã, phường nơi xảy ra sự việc." in response.content.decode()
    client.post("/phan-anh/gui/", form_data(categories, ward=ward.pk))
    page = client.get("/phan-anh/gui/").content.decode()
    assert f'<option value="{ward.pk}" selected>' in page


@pytest.mark.django_db
def test_a_second_tap_on_send_shows_the_report_instead_of_sending_twice(client, categories, citizen):
    client.force_login(citizen)
    confirm_url = client.post("/phan-anh/gui/", form_data(categories))["Location"]
    first = client.post(confirm_url, {"action": "submit"})
    second = client.post(confirm_url, {"action": "submit"})
    report = Report.objects.get()
    assert first["Location"] == f"/phan-anh/{report.code}/?moi=1" and second["Location"] == f"/phan-anh/{report.code}/"
    assert Report.objects.count() == 1 and report.history.count() == 1


@pytest.mark.django_db
def test_the_camera_place_read_on_the_phone_is_offered_when_the_shrunk_photo_has_none(client, categories, citizen):
    client.force_login(citizen)
    confirm_url = client.post("/phan-anh/gui/", form_data(categories, photo_latitude=NEAR[0], photo_longitude=NEAR[1]))[
        "Location"
    ]
    assert Report.objects.get().photo_location == {"latitude": NEAR[0], "longitude": NEAR[1]}
    assert "Dùng vị trí chụp ảnh" in client.get(confirm_url).content.decode()
