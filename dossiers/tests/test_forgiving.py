"""The mistakes real citizens make on a dossier, through the test client (JavaScript off): nothing typed or uploaded
is lost, every problem is said at the top with a link to its field, and destructive steps ask first."""

import re

import pytest

from dossiers.models import Dossier, DossierAttachment
from dossiers.services import dossier_draft_start, dossier_receive, dossier_request_supplement
from dossiers.tests.conftest import png, procedure
from dossiers.workflow import DossierStatus


@pytest.fixture
def draft(catalogue, verified_citizen, agency, media):
    births = procedure("Đăng ký khai sinh")
    return dossier_draft_start(citizen=verified_citizen, procedure=births, case=births.cases.get(), agency=agency)


def step_url(draft, step):
    return f"/ho-so/cua-toi/{draft.public_id}/khai/{step}/"


@pytest.mark.django_db
def test_a_bad_cccd_keeps_the_other_answers_of_the_step_and_links_to_the_field(
    client, catalogue, verified_citizen, agency
):
    marriage = procedure("Đăng ký kết hôn")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=marriage, case=marriage.cases.get(), agency=agency)
    client.force_login(verified_citizen)
    page = client.post(
        step_url(draft, 2), {"partner_name": "Trần Thị Bích", "partner_dob": "1990-05-20", "partner_id": "12345"}
    )
    assert page.status_code == 400
    html = page.content.decode()
    # The summary at the top, focused, each problem a link to its field; the message beside the field too.
    summary = re.search(r'<div class="error-summary"[^>]*autofocus.*?</div>', html, re.S).group(0)
    assert 'href="#id_partner_id"' in summary
    assert 'id="id_partner_id-error"' in html
    # What was typed is still on the page, the wrong value included, and the good answers are saved.
    assert 'value="Trần Thị Bích"' in html and 'value="12345"' in html
    saved = Dossier.objects.get(pk=draft.pk).answers
    assert saved["partner_name"] == "Trần Thị Bích" and saved["partner_dob"] == "1990-05-20"
    assert "partner_id" not in saved


@pytest.mark.django_db
def test_a_chosen_file_and_continue_keeps_the_file(client, draft, verified_citizen):
    client.force_login(verified_citizen)
    response = client.post(
        f"/ho-so/cua-toi/{draft.public_id}/giay-to/",
        {"file-giay-chung-sinh": png("chung sinh.png"), "action": "tiep-tuc"},
    )
    assert response.status_code == 302 and response["Location"].endswith("/kiem-tra/")
    assert DossierAttachment.objects.get(dossier=draft).original_name == "chung sinh.png"


@pytest.mark.django_db
def test_a_wrong_file_is_refused_but_the_good_one_chosen_with_it_is_kept(client, draft, verified_citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(verified_citizen)
    forged = SimpleUploadedFile("giay.pdf", b"<html>gia mao</html>", "application/pdf")
    page = client.post(
        f"/ho-so/cua-toi/{draft.public_id}/giay-to/",
        {"file-giay-chung-sinh": [png("tot.png"), forged], "action": "tiep-tuc"},
    )
    assert page.status_code == 400  # stays on the page to say what was refused, instead of moving on
    html = page.content.decode()
    assert 'href="#file-giay-chung-sinh"' in html and "“giay.pdf”: Tệp không đúng định dạng" in html
    assert list(DossierAttachment.objects.values_list("original_name", flat=True)) == ["tot.png"]


@pytest.mark.django_db
def test_a_wrong_file_can_be_removed_from_a_draft(client, draft, verified_citizen):
    client.force_login(verified_citizen)
    client.post(f"/ho-so/cua-toi/{draft.public_id}/giay-to/", {"file-giay-chung-sinh": png("sai.png")})
    wrong = DossierAttachment.objects.get()
    response = client.post(f"/ho-so/cua-toi/{draft.public_id}/giay-to/", {"xoa": str(wrong.public_id)})
    assert response.status_code == 302
    assert not DossierAttachment.objects.exists()


@pytest.mark.django_db
def test_during_a_supplement_only_the_new_files_can_be_removed(
    client, submitted_birth_registration, officer, verified_citizen
):
    dossier = submitted_birth_registration
    dossier_receive(dossier=dossier, officer=officer)
    dossier_request_supplement(dossier=dossier, officer=officer, items=["Giấy chứng sinh bị mờ, chụp lại."])
    client.force_login(verified_citizen)
    received = DossierAttachment.objects.get(dossier=dossier, kind="citizen", document_key="giay-chung-sinh")
    page = client.get(f"/ho-so/cua-toi/{dossier.public_id}/giay-to/").content.decode()
    assert "Bổ sung hồ sơ" in page and "Bước" not in page  # no step counter on a supplement
    assert f'value="{received.public_id}"' not in page  # what the office received cannot be taken back
    client.post(f"/ho-so/cua-toi/{dossier.public_id}/giay-to/", {"file-giay-chung-sinh": png("mo.png")})
    wrong = DossierAttachment.objects.get(dossier=dossier, kind="supplement")
    assert f'value="{wrong.public_id}"' in client.get(f"/ho-so/cua-toi/{dossier.public_id}/giay-to/").content.decode()
    client.post(f"/ho-so/cua-toi/{dossier.public_id}/giay-to/", {"xoa": str(wrong.public_id)})
    assert not DossierAttachment.objects.filter(kind="supplement").exists()
    refused = client.post(f"/ho-so/cua-toi/{dossier.public_id}/giay-to/", {"xoa": str(received.public_id)})
    assert refused.status_code == 400 and "không xoá được" in refused.content.decode()
    assert DossierAttachment.objects.filter(pk=received.pk).exists()


@pytest.mark.django_db
def test_the_check_page_links_every_gap_and_sua_returns_to_it(client, draft, verified_citizen):
    client.force_login(verified_citizen)
    html = client.get(f"/ho-so/cua-toi/{draft.public_id}/kiem-tra/").content.decode()
    links = re.findall(r'<li><a href="([^"]+)">', re.search(r'class="error-summary".*?</div>', html, re.S).group(0))
    assert f"/ho-so/cua-toi/{draft.public_id}/khai/2/?quay-lai=kiem-tra#id_child_name" in links
    assert f"/ho-so/cua-toi/{draft.public_id}/giay-to/#doc-giay-chung-sinh" in links
    assert "Nộp hồ sơ</button>" not in html
    saved = client.post(f"{step_url(draft, 2)}?quay-lai=kiem-tra", {"child_name": "Nguyễn Văn Bình"})
    assert saved["Location"] == f"/ho-so/cua-toi/{draft.public_id}/kiem-tra/"


@pytest.mark.django_db
def test_step_counters_count_sections_papers_and_check(client, draft, verified_citizen):
    client.force_login(verified_citizen)
    sections = len({f["section"] for f in draft.procedure_snapshot["fields"]})
    assert f"Bước 1/{sections + 2}" in client.get(step_url(draft, 1)).content.decode()
    papers = client.get(f"/ho-so/cua-toi/{draft.public_id}/giay-to/").content.decode()
    assert f"Bước {sections + 1}/{sections + 2}" in papers


@pytest.mark.django_db
def test_withdrawing_asks_first_on_a_page_that_says_what_happens(
    client, submitted_birth_registration, verified_citizen
):
    dossier = submitted_birth_registration
    client.force_login(verified_citizen)
    detail = client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    assert f'href="/ho-so/cua-toi/{dossier.public_id}/rut/"' in detail and 'action="/ho-so/cua-toi/' not in detail
    ask = client.get(f"/ho-so/cua-toi/{dossier.public_id}/rut/").content.decode()
    assert "ngừng giải quyết" in ask and "Đồng ý rút hồ sơ" in ask
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.SUBMITTED  # asking changed nothing
    client.post(f"/ho-so/cua-toi/{dossier.public_id}/rut/", {"reason": "Nộp nhầm thủ tục"})
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.WITHDRAWN


@pytest.mark.django_db
def test_deleting_a_draft_asks_first_and_removes_its_files(
    client, draft, verified_citizen, django_capture_on_commit_callbacks
):
    client.force_login(verified_citizen)
    client.post(f"/ho-so/cua-toi/{draft.public_id}/giay-to/", {"file-giay-chung-sinh": png()})
    stored = DossierAttachment.objects.get().file
    ask = client.get(f"/ho-so/cua-toi/{draft.public_id}/xoa/").content.decode()
    assert "1 tệp đã tải lên" in ask and Dossier.objects.filter(pk=draft.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/ho-so/cua-toi/{draft.public_id}/xoa/")["Location"] == "/ho-so/cua-toi/"
    assert not Dossier.objects.filter(pk=draft.pk).exists()
    assert not stored.storage.exists(stored.name)


@pytest.mark.django_db
def test_another_citizen_cannot_delete_withdraw_or_remove_files(client, draft, other_citizen, verified_citizen):
    client.force_login(verified_citizen)
    client.post(f"/ho-so/cua-toi/{draft.public_id}/giay-to/", {"file-giay-chung-sinh": png()})
    attachment = DossierAttachment.objects.get()
    client.force_login(other_citizen)
    assert client.post(f"/ho-so/cua-toi/{draft.public_id}/xoa/").status_code == 404
    assert client.post(f"/ho-so/cua-toi/{draft.public_id}/rut/").status_code == 404
    assert (
        client.post(f"/ho-so/cua-toi/{draft.public_id}/giay-to/", {"xoa": str(attachment.public_id)}).status_code == 404
    )
    assert Dossier.objects.filter(pk=draft.pk).exists() and DossierAttachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {spaced} ", "{compact}"])
def test_the_status_lookup_ignores_case_spaces_and_dashes(client, submitted_birth_registration, officer, typed):
    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    code = dossier.code
    variants = {
        "code": code,
        "lower": code.lower(),
        "spaced": code.replace("-", " - "),
        "compact": code.replace("-", "").lower(),
    }
    page = client.post("/ho-so/tra-cuu/", {"code": typed.format(**variants), "contact": "072068001234"})
    assert page.status_code == 200
    assert "Được tiếp nhận" in page.content.decode(), typed


@pytest.mark.django_db
def test_a_download_has_a_real_filename_with_its_extension(client, draft, verified_citizen):
    client.force_login(verified_citizen)
    client.post(f"/ho-so/cua-toi/{draft.public_id}/giay-to/", {"file-giay-chung-sinh": png("Giấy chứng sinh.png")})
    attachment = DossierAttachment.objects.get()
    download = client.get(f"/tep/{attachment.public_id}/?tai-ve=1".replace("/tep/", "/ho-so/tep/"))
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="Giay-chung-sinh.png"' in disposition
    assert "filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20sinh.png" in disposition
    assert client.get(f"/ho-so/tep/{attachment.public_id}/")["Content-Disposition"].startswith("inline;")


@pytest.mark.django_db
def test_the_submitted_page_promises_zalo_only_with_a_phone(client, submitted_birth_registration, verified_citizen):
    client.force_login(verified_citizen)
    url = f"/ho-so/cua-toi/{submitted_birth_registration.public_id}/da-nop/"
    assert "Bạn nhận thông báo qua Zalo" in client.get(url).content.decode()
    verified_citizen.phone = None
    verified_citizen.save()
    page = client.get(url).content.decode()
    assert "qua Zalo" not in page and "thêm số điện thoại" in page


@pytest.mark.django_db
def test_nop_tai_offers_the_citizens_own_ward_then_their_last_choice(client, catalogue, verified_citizen):
    from agencies.tests.factories import AgencyFactory, WardFactory

    births = procedure("Đăng ký khai sinh")
    assert births.agency_id is None, "births are filed at any ward's People's Committee"
    first = AgencyFactory(name="UBND phường An Tịnh", ward=WardFactory(name="Phường An Tịnh"))
    home = AgencyFactory(name="UBND phường Tân Ninh", ward=WardFactory(name="Phường Tân Ninh"))
    url = f"/ho-so/thu-tuc/{births.public_id}/"

    def selected(page: str) -> str | None:
        found = re.search(r'<option value="(\d+)" selected>', page)
        return found and found.group(1)

    assert selected(client.get(url).content.decode()) is None  # a visitor chooses; nothing is guessed
    client.force_login(verified_citizen)
    assert selected(client.get(url).content.decode()) == str(home.pk)  # "Phường Tân Ninh" in the verified address
    client.post(f"{url}nop/", {"case": births.cases.get().pk, "agency": first.pk})
    assert selected(client.get(url).content.decode()) == str(first.pk)  # the last choice wins next time


@pytest.mark.django_db
def test_my_data_exports_the_citizens_dossiers_in_local_time(
    client, submitted_birth_registration, verified_citizen, other_citizen, officer
):
    import json

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    client.force_login(verified_citizen)
    exported = client.get("/du-lieu-cua-toi/?dinh-dang=json")
    assert "filename*=UTF-8''" in exported["Content-Disposition"]
    data = json.loads(exported.content)
    [mine] = data["ho_so"]
    assert mine["ma_ho_so"] == dossier.code and mine["thu_tuc"] == "Đăng ký khai sinh"
    assert mine["noi_dung_khai"]["child_name"] == dossier.answers["child_name"]
    assert [f["ten"] for f in mine["tep"]] == [a.original_name for a in dossier.attachments.all()]
    assert [h["trang_thai"] for h in mine["qua_trinh"]][-1] == "Được tiếp nhận"
    assert mine["nop_luc"].endswith("+07:00")
    page = client.get("/du-lieu-cua-toi/").content.decode()
    assert dossier.code in page and "Đăng ký khai sinh" in page
    client.force_login(other_citizen)
    assert json.loads(client.get("/du-lieu-cua-toi/?dinh-dang=json").content)["ho_so"] == []


@pytest.mark.django_db
def test_the_check_page_writes_answers_as_people_read_them(client, draft, verified_citizen):
    client.force_login(verified_citizen)
    client.post(
        step_url(draft, 1),
        {
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1968-03-15",
            "citizen_id": "072068001234",
            "address": "Tân Ninh",
            "phone": "0912345678",
        },
    )
    page = client.get(f"/ho-so/cua-toi/{draft.public_id}/kiem-tra/").content.decode()
    assert "<dd>15/03/1968</dd>" in page and "<dd>0912 345 678</dd>" in page
    assert "1968-03-15" not in page and "+84912345678" not in page
