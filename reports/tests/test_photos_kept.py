"""A report's photos survive every mistake on the form: they are kept the moment they arrive, shown back, and can be
taken back; nobody else can see or use them (test client, JavaScript off)."""

import re

import pytest

from reports.models import Report, ReportPhoto
from reports.tests.conftest import HERE, photo
from reports.tests.test_views import form_data


def kept_ids(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="anh" value="([^"]+)">', html)


@pytest.mark.django_db
def test_a_missing_ward_keeps_the_photo_and_says_so_at_the_top(client, categories, citizen):
    client.force_login(citizen)
    data = form_data(categories, ward="", latitude="", longitude="", address="Chợ Long Hoa")
    page = client.post("/phan-anh/gui/", data)
    assert page.status_code == 400
    html = page.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#id_ward"' in summary and "Chọn xã, phường" in summary
    assert 'value="Chợ Long Hoa"' in html and "Cây me lớn đổ" in html  # what was typed is still there
    [kept] = kept_ids(html)
    assert ReportPhoto.objects.get(public_id=kept).report is None
    assert client.get(f"/phan-anh/anh/{kept}/nho/").status_code == 200  # its thumbnail, for its owner

    # The citizen picks the ward and sends again without choosing the photo a second time.
    again = {**form_data(categories), "photos": [], "anh": [kept]}
    response = client.post("/phan-anh/gui/", again)
    assert response.status_code == 302
    draft = Report.objects.get()
    assert [p.public_id for p in draft.photos.all()] == [ReportPhoto.objects.get(public_id=kept).public_id]
    assert not ReportPhoto.objects.filter(report=None).exists()


@pytest.mark.django_db
def test_a_waiting_photo_can_be_taken_back(client, categories, citizen):
    client.force_login(citizen)
    html = client.post("/phan-anh/gui/", form_data(categories, ward="", latitude="", longitude="")).content.decode()
    [kept] = kept_ids(html)
    page = client.post("/phan-anh/gui/", {**form_data(categories), "photos": [], "anh": [kept], "bo-anh": kept})
    assert page.status_code == 400 and "Cần ít nhất một ảnh" in page.content.decode()
    assert not ReportPhoto.objects.exists() and not Report.objects.exists()


@pytest.mark.django_db
def test_another_citizen_can_neither_see_nor_use_a_waiting_photo(client, categories, citizen, other_citizen):
    client.force_login(citizen)
    [kept] = kept_ids(client.post("/phan-anh/gui/", form_data(categories, ward="")).content.decode())
    client.force_login(other_citizen)
    assert client.get(f"/phan-anh/anh/{kept}/").status_code == 404
    stolen = client.post("/phan-anh/gui/", {**form_data(categories), "photos": [], "anh": [kept]})
    assert stolen.status_code == 400 and not Report.objects.exists()
    client.logout()
    assert client.get(f"/phan-anh/anh/{kept}/").status_code in (302, 404)


@pytest.mark.django_db
def test_more_than_five_photos_are_refused_in_words_and_the_first_ones_kept(client, categories, citizen):
    client.force_login(citizen)
    html = client.post(
        "/phan-anh/gui/", form_data(categories, ward="", photos=[photo(f"{n}.jpg") for n in range(4)])
    ).content.decode()
    kept = kept_ids(html)
    assert len(kept) == 4
    page = client.post(
        "/phan-anh/gui/", {**form_data(categories), "photos": [photo("5.jpg"), photo("6.jpg")], "anh": kept}
    )
    assert page.status_code == 400 and "tối đa 5 ảnh" in page.content.decode()
    assert len(kept_ids(page.content.decode())) == 4


@pytest.mark.django_db
def test_the_camera_location_of_a_kept_photo_is_still_offered(client, categories, citizen):
    client.force_login(citizen)
    with_gps = photo("gps.jpg", gps=HERE)
    [kept] = kept_ids(client.post("/phan-anh/gui/", form_data(categories, ward="", photos=[with_gps])).content.decode())
    again = {**form_data(categories), "photos": [], "anh": [kept], "latitude": "", "longitude": ""}
    confirm = client.post("/phan-anh/gui/", {**again, "address": "Chợ Long Hoa"})["Location"]
    location = Report.objects.get().photo_location
    assert location == {"latitude": pytest.approx(HERE[0], abs=1e-4), "longitude": pytest.approx(HERE[1], abs=1e-4)}
    assert "Dùng vị trí chụp ảnh" in client.get(confirm).content.decode()
    assert ReportPhoto.objects.get().camera_location is None  # not kept once the report has it


@pytest.mark.django_db
def test_waiting_photos_nobody_used_are_purged_after_a_day(client, categories, citizen):
    import datetime as dt

    from django.utils import timezone

    from reports.services import report_drafts_purge

    client.force_login(citizen)
    client.post("/phan-anh/gui/", form_data(categories, ward=""))
    stored = ReportPhoto.objects.get().image
    report_drafts_purge(now=timezone.now() + dt.timedelta(hours=23))
    assert ReportPhoto.objects.exists()
    report_drafts_purge(now=timezone.now() + dt.timedelta(hours=25))
    assert not ReportPhoto.objects.exists() and not stored.storage.exists(stored.name)


@pytest.mark.django_db
def test_my_data_exports_the_citizens_reports_and_no_one_elses(client, categories, citizen, other_citizen):
    import json

    from reports.tests.test_services import filed

    mine = filed(citizen, categories["fallen_tree"], description="Cây đổ trước cổng trường.")
    filed(other_citizen, categories["fallen_tree"], description="Việc của người khác.")
    client.force_login(citizen)
    data = json.loads(client.get("/du-lieu-cua-toi/?dinh-dang=json").content)
    [exported] = data["phan_anh"]
    assert exported["ma_phan_anh"] == mine.code and exported["noi_dung"] == "Cây đổ trước cổng trường."
    assert exported["so_anh"] == 1 and exported["tao_luc"].endswith("+07:00")
    assert exported["qua_trinh"] and "Việc của người khác" not in json.dumps(data, ensure_ascii=False)
    assert mine.code in client.get("/du-lieu-cua-toi/").content.decode()
