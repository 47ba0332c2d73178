"""Issue 12's audit, one regression test per finding, named after it. Each failed on the code the audit tried."""

import pytest

from dossiers.models import Dossier
from dossiers.workflow import DossierStatus
from reports.workflow import ReportStatus

DOSSIER_API_ACTIONS = [
    "receive",
    "refuse",
    "request-supplement",
    "start-processing",
    "request-fee",
    "mark-done",
    "return-result",
    "stop",
    "reschedule",
]
REPORT_API_ACTIONS = [
    "assign",
    "start",
    "request-info",
    "resolve",
    "reject",
    "mark-duplicate",
    "transfer",
    "change-category",
    "reopen",
    "close",
    "note",
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["viewer", "dashboard", "other_officer", "citizen"])
def test_a_viewer_cannot_act_through_the_officer_api_nor_read_files(client, world, role):
    """Viewers and dashboard staff see figures only: every officer API action and every file URL refuses them."""
    client.force_login(world.person(role))
    dossier, report = world.dossier, world.report
    for action in DOSSIER_API_ACTIONS:
        response = client.post(f"/api/v1/officer/dossiers/{dossier.public_id}/{action}/", {}, format="json")
        assert response.status_code in (403, 404), (action, response.status_code)
    for action in REPORT_API_ACTIONS:
        response = client.post(f"/api/v1/officer/reports/{report.code}/{action}/", {})
        assert response.status_code in (403, 404), (action, response.status_code)
    for attachment in dossier.attachments.all():
        status = client.get(f"/ho-so/tep/{attachment.public_id}/").status_code
        assert status == (200 if role == "citizen" else 404)
    for slip in dossier.slips.all():
        assert client.get(f"/ho-so/phieu/{slip.public_id}/").status_code == (200 if role == "citizen" else 404)
    dossier.refresh_from_db()
    report.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED and report.status == ReportStatus.RECEIVED


@pytest.mark.django_db
def test_a_citizen_cannot_read_another_citizens_dossier_with_their_submission_token(
    client, submitted_birth_registration, other_citizen, catalogue, agency
):
    from citizen_portal.api.exceptions import ApplicationError
    from dossiers.services import dossier_draft_start, dossier_submit
    from dossiers.tests.conftest import procedure
    from identity.models import CitizenProfile, IdentityLevel

    victim = submitted_birth_registration
    other_citizen.identity_level = IdentityLevel.VERIFIED
    other_citizen.save()
    CitizenProfile.objects.create(user=other_citizen, verified_until=victim.submitted_at.replace(year=2099))
    births = procedure("Đăng ký khai sinh")
    own = dossier_draft_start(citizen=other_citizen, procedure=births, case=births.cases.get(), agency=agency)
    with pytest.raises(ApplicationError) as refused:
        dossier_submit(dossier=own, citizen=other_citizen, submission_token=victim.submission_token)
    assert refused.value.get_codes() == "submission_token_used"
    client.force_login(other_citizen)
    response = client.post(
        f"/api/v1/my/dossiers/{own.public_id}/submit/", {"submission_token": str(victim.submission_token)}
    )
    assert response.status_code in (400, 409) and victim.answers["citizen_id"] not in response.content.decode()
    assert Dossier.objects.get(pk=own.pk).status == DossierStatus.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["received", "awaiting_fee"])
def test_supplement_done_without_a_request_does_not_move_the_dossier(
    client, submitted_birth_registration, officer, verified_citizen, status
):
    from dossiers.services import dossier_receive, dossier_request_fee

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    if status == "awaiting_fee":
        dossier = dossier_request_fee(dossier=dossier, officer=officer, amount=50000)
    client.force_login(verified_citizen)
    client.post(f"/ho-so/cua-toi/{dossier.public_id}/bo-sung-xong/")
    api = client.post(f"/api/v1/my/dossiers/{dossier.public_id}/supplement-done/")
    assert api.status_code in (404, 405, 409)
    assert Dossier.objects.get(pk=dossier.pk).status == status


@pytest.mark.django_db
def test_provide_info_on_an_unasked_report_does_not_move_it(client, categories, citizen):
    from reports.models import Report
    from reports.tests.test_services import filed

    report = filed(citizen, categories["fallen_tree"])
    client.force_login(citizen)
    page = client.post(f"/phan-anh/{report.code}/bo-sung/", {"text": "Cây vẫn nằm đó."})
    api = client.post(f"/api/v1/my/reports/{report.code}/provide-info/", {"text": "Cây vẫn nằm đó."})
    assert api.status_code == 409 and api.json()["code"] == "info_not_requested"
    assert page.status_code in (302, 409)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RECEIVED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example"]
)
def test_the_admin_login_is_not_an_open_redirect(client, officer, target):
    anonymous = client.get("/admin/login/", {"next": target})
    assert "evil.example" not in anonymous["Location"]
    client.force_login(officer)
    signed_in = client.get("/admin/login/", {"next": target})
    assert signed_in["Location"] == "/admin/"
    assert client.get("/admin/login/", {"next": "/admin/dossiers/dossier/"})["Location"] == "/admin/dossiers/dossier/"


@pytest.mark.django_db
def test_internal_notes_never_reach_the_citizen(
    client, submitted_birth_registration, officer, agency, verified_citizen
):
    from dossiers.services import dossier_assign, dossier_note_add, dossier_receive

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    dossier_assign(dossier=dossier, officer=officer, agency=agency, working_days=1, note="nghi giả mạo chữ ký")
    dossier_note_add(dossier=dossier, officer=officer, note="gọi lại xác minh chữ ký")
    client.force_login(verified_citizen)
    page = client.get(f"/ho-so/cua-toi/{dossier.public_id}/").content.decode()
    api = client.get(f"/api/v1/my/dossiers/{dossier.public_id}/").content.decode()
    exported = client.get("/du-lieu-cua-toi/?dinh-dang=json").content.decode()
    for seen in (page, api, exported):
        assert "giả mạo" not in seen and "xác minh chữ ký" not in seen
    assert "Được tiếp nhận" in page  # the public history is still there


@pytest.mark.django_db
def test_spreadsheet_formulas_typed_by_citizens_are_not_live_in_csv_exports(
    client, submitted_birth_registration, officer
):
    import csv
    import io

    from dossiers.services import dossier_receive

    dossier = submitted_birth_registration
    dossier.answers = {**dossier.answers, "full_name": '=HYPERLINK("https://evil.example","Bấm vào đây")'}
    dossier.save(update_fields=["answers"])
    dossier_receive(dossier=dossier, officer=officer)
    client.force_login(officer)
    exported = client.post("/admin/dossiers/dossier/", {"action": "export_csv", "_selected_action": [dossier.pk]})
    book = client.get("/admin/dossiers/dossier/so-theo-doi/", {"csv": "1"})
    for response in (exported, book):
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        names = [row[2] for row in rows[1:]]
        assert names == ['\'=HYPERLINK("https://evil.example","Bấm vào đây")'], names
        assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.django_db
def test_after_account_deletion_the_reporters_name_is_nowhere(client, categories, citizen, other_citizen):
    from identity.services import account_delete
    from reports.models import Report
    from reports.tests.test_services import filed

    citizen.full_name = "Hồ Thị Riêng Tư"
    citizen.save()
    report = filed(citizen, categories["fallen_tree"], show_name=True)
    assert "Hồ Thị Riêng Tư" in client.get(f"/phan-anh/{report.code}/").content.decode()
    account_delete(user=citizen)
    report = Report.objects.get(pk=report.pk)
    assert report.reporter is None and report.contact_name == "" and report.contact_phone == ""
    client.force_login(other_citizen)
    for url in (f"/phan-anh/{report.code}/", f"/api/v1/reports/{report.code}/", "/phan-anh/", "/api/v1/reports/"):
        assert "Riêng Tư" not in client.get(url).content.decode(), url
    assert "Riêng Tư" not in client.get(f"/open311/v2/requests/{report.code}.json").content.decode()


@pytest.mark.django_db
def test_one_time_codes_are_limited_per_address_and_say_nothing_about_registration(client, citizen, settings):
    """10 codes an hour from one address, 3 per number per 15 minutes: the same words for a registered phone and
    for one nobody has."""
    from identity.models import OneTimeCode

    registered, unknown = citizen.phone, "+84376000111"
    answers = {}
    for phone in (registered, unknown):
        for _ in range(3):
            client.post("/dang-nhap/ma/", {"phone": phone})
        answers[phone] = client.post("/dang-nhap/ma/", {"phone": phone}).content.decode()
    assert all("Bạn đã yêu cầu mã quá nhiều lần" in answer for answer in answers.values())
    for n in range(10):
        client.post("/dang-nhap/ma/", {"phone": f"+8437600{n:04d}"})
    assert OneTimeCode.objects.count() == 3  # only the registered phone ever got codes, and no more than 3
    late = client.post("/dang-nhap/ma/", {"phone": "+84376009999"}).content.decode()
    assert "Bạn đã yêu cầu mã quá nhiều lần" in late  # the address is over its hourly limit


@pytest.mark.django_db
def test_the_status_lookup_is_rate_limited(client, submitted_birth_registration, officer):
    from dossiers.services import dossier_receive

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    prefix = dossier.code.rsplit("-", 1)[0]
    statuses = [
        client.post("/ho-so/tra-cuu/", {"code": f"{prefix}-{n:04d}", "contact": "072068001234"}).status_code
        for n in range(2, 14)
    ]
    assert statuses.count(429) >= 2  # ten guesses per phone/CCCD an hour, then "thử lại sau"
    blocked = client.post("/ho-so/tra-cuu/", {"code": dossier.code, "contact": "072068001234"})
    assert blocked.status_code == 429 and "thử lại sau" in blocked.content.decode()


@pytest.mark.django_db
def test_personal_pages_and_api_answers_are_not_cached(client, citizen):
    client.force_login(citizen)
    for url in ("/", "/tai-khoan-cua-toi/", "/du-lieu-cua-toi/", "/api/v1/my/dossiers/"):
        cache_control = client.get(url).get("Cache-Control", "")
        assert "private" in cache_control and "no-store" in cache_control, url
    client.logout()
    assert "private" not in client.get("/").get("Cache-Control", "")


@pytest.mark.django_db
def test_head_on_the_home_page_is_answered(client):
    assert client.head("/").status_code == 200
    assert client.head("/healthz").status_code == 200


@pytest.mark.django_db
def test_a_workflow_refusal_is_not_titled_a_system_error(client, submitted_birth_registration, officer):
    from dossiers.services import dossier_receive

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    client.force_login(officer)
    again = client.post(f"/api/v1/officer/dossiers/{dossier.public_id}/receive/")
    assert again.status_code == 409
    assert again.json()["title"] != "Lỗi hệ thống" and again.json()["code"] == "transition_not_allowed"


@pytest.mark.django_db
def test_a_level2_citizens_verified_identity_cannot_be_overwritten(client, catalogue, verified_citizen, agency):
    from citizen_portal.api.exceptions import ApplicationError
    from dossiers.services import dossier_draft_start, dossier_submit
    from dossiers.tests.conftest import procedure

    births = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=births, case=births.cases.get(), agency=agency)
    client.force_login(verified_citizen)
    step = client.get(f"/ho-so/cua-toi/{draft.public_id}/khai/1/").content.decode()
    assert 'name="citizen_id" value="072068001234"' in step and "readonly" in step
    forged = {"full_name": "Lê Văn Khác", "date_of_birth": "1990-01-01", "citizen_id": "079090001111"}
    page = client.post(f"/ho-so/cua-toi/{draft.public_id}/khai/1/", {**forged, "address": "Tân Ninh"})
    assert page.status_code == 400 and "danh tính đã xác thực" in page.content.decode()
    answers_via_api = client.post(
        f"/api/v1/my/dossiers/{draft.public_id}/answers/", {"answers": forged}, content_type="application/json"
    )
    assert answers_via_api.status_code == 400
    assert set(answers_via_api.json()["errors"]) >= {"full_name", "citizen_id"}
    saved = Dossier.objects.get(pk=draft.pk).answers
    assert (saved["full_name"], saved["date_of_birth"], saved["citizen_id"]) == (
        "Nguyễn Văn An",
        "1968-03-15",
        "072068001234",
    )
    # A draft written before the lock (or by any other path) is refused at submission, not sent under another CCCD.
    import uuid

    from dossiers.services import attachment_add, dossier_draft_save
    from dossiers.tests.conftest import png

    child = {"child_name": "Bình", "child_dob": "2026-11-10", "child_sex": "Nam", "birthplace": "Tây Ninh"}
    dossier_draft_save(
        dossier=draft, citizen=verified_citizen, answers={**child, "relationship": "Cha", "declaration": "on"}
    )
    attachment_add(dossier=draft, user=verified_citizen, document_key="giay-chung-sinh", upload=png())
    complete = Dossier.objects.get(pk=draft.pk).answers
    Dossier.objects.filter(pk=draft.pk).update(answers={**complete, "citizen_id": "079090001111"})
    with pytest.raises(ApplicationError) as refused:
        dossier_submit(dossier=draft, citizen=verified_citizen, submission_token=uuid.uuid4())
    assert refused.value.get_codes() == "identity_mismatch"
    assert Dossier.objects.get(pk=draft.pk).status == DossierStatus.DRAFT


@pytest.mark.django_db
def test_a_head_cannot_read_any_citizens_account_or_cccd(client, world, other_citizen):
    from identity.models import CitizenProfile

    CitizenProfile.objects.create(user=other_citizen, citizen_id="079190009999")
    client.force_login(world.head)
    listing = client.get("/admin/identity/user/", {"q": other_citizen.phone}).content.decode()
    assert f"/admin/identity/user/{other_citizen.pk}/change/" not in listing and "0 kết quả" in listing
    assert client.get(f"/admin/identity/user/{other_citizen.pk}/change/").status_code in (302, 404)
    # Their own people stay reachable: a colleague, and the citizen whose dossier their agency handles.
    assert client.get(f"/admin/identity/user/{world.officer.pk}/change/").status_code == 200
    assert client.get(f"/admin/identity/user/{world.citizen.pk}/change/").status_code == 200


def _jpeg_claiming(width: int, height: int) -> bytes:
    """A small real JPEG whose header claims `width`×`height`: what a hostile upload looks like to a decoder."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def _png_bomb() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG")  # 144 megapixels in a few kilobytes
    return out.getvalue()


@pytest.mark.django_db
def test_huge_images_are_refused_before_decoding(client, catalogue, verified_citizen, agency, categories, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from citizen_portal.api.exceptions import ApplicationError
    from dossiers.services import attachment_add, dossier_draft_start
    from dossiers.tests.conftest import procedure
    from reports.services import report_photos_stash

    births = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=births, case=births.cases.get(), agency=agency)
    for name, data in (("to.jpg", _jpeg_claiming(13_000, 13_000)), ("bom.png", _png_bomb())):
        with pytest.raises(ApplicationError) as refused:
            attachment_add(
                dossier=draft,
                user=verified_citizen,
                document_key="giay-chung-sinh",
                upload=SimpleUploadedFile(name, data),
            )
        assert refused.value.get_codes() == "image_too_large" and "quá lớn" in str(refused.value.detail)
        with pytest.raises(ApplicationError) as photo_refused:
            report_photos_stash(reporter=verified_citizen, photos=[SimpleUploadedFile(name, data)])
        assert photo_refused.value.get_codes() == "photo_too_large"
    assert not draft.attachments.exists()


def test_checking_a_huge_image_stays_within_a_small_memory_bound(tmp_path):
    """In a fresh process (so the figure is its own): refusing the 13,000×13,000 JPEG and the PNG bomb, and shrinking
    a genuine 6,000×4,000 photo, peak under 150 MB resident."""
    import io
    import subprocess
    import sys

    from PIL import Image

    (tmp_path / "to.jpg").write_bytes(_jpeg_claiming(13_000, 13_000))
    (tmp_path / "bom.png").write_bytes(_png_bomb())
    photo = io.BytesIO()
    Image.effect_noise((6000, 4000), 40).convert("RGB").save(photo, "JPEG", quality=90)
    (tmp_path / "that.jpg").write_bytes(photo.getvalue())
    script = f"""
import sys
sys.path.insert(0, {str(__import__("django").conf.settings.BASE_DIR)!r})
from citizen_portal.files import ImageTooLarge, clean_photo
from pathlib import Path
folder = Path({str(tmp_path)!r})
for name in ("to.jpg", "bom.png"):
    try:
        clean_photo(folder.joinpath(name).read_bytes(), name.rsplit(".", 1)[1].replace("jpg", "jpeg"))
    except ImageTooLarge:
        print("refused", name)
clean = clean_photo(folder.joinpath("that.jpg").read_bytes(), "jpeg")
print("kept", clean.width, clean.height)
# VmHWM, not ru_maxrss: Linux carries the forking parent's peak into ru_maxrss across exec.
print("peak_kb", next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    lines = result.stdout.split("\n")
    assert "refused to.jpg" in lines and "refused bom.png" in lines, result.stdout + result.stderr
    assert "kept 2048 1365" in lines
    peak_mb = int(next(line for line in lines if line.startswith("peak_kb")).split()[1]) / 1024
    print(f"peak resident memory: {peak_mb:.0f} MB")
    assert peak_mb < 150  # measured: ≈105 MB, of which ≈30 MB is the file read into memory


HOSTILE_URLS = [
    "/api/v1/reports/?group=%00",
    "/api/v1/procedures/?search=a%00b",
    "/ho-so/?q=%00",
    "/phan-anh/?q=ho%00so",
    "/open311/v2/requests.json?status=%00",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_nul_bytes_in_query_strings_are_a_clear_400_not_a_500(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith(("/api/", "/open311/")):
        assert response.json()["code"] == "invalid_characters"
    else:
        assert "ký tự không hợp lệ" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        '{"answers": {"copies": NaN}}',
        '{"answers": {"copies": Infinity}}',
        '{"answers": {"copies": 1e309}}',
        '{"answers": {"full_name": "a\\u0000b"}}',
        '{"answers": {"full_name": "\\ud800"}}',
        '{"answers": ' + "[" * 5000 + "]" * 5000 + "}",
    ],
    ids=["nan", "inf", "1e309", "nul", "surrogate", "deep"],
)
def test_hostile_json_is_a_400_in_the_api_format(client, submitted_birth_registration, verified_citizen, body):
    client.force_login(verified_citizen)
    response = client.post(
        f"/api/v1/my/dossiers/{submitted_birth_registration.public_id}/answers/", body, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "parse_error"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["nan", "inf", "-inf", "1e309", "Infinity"])
def test_non_finite_numbers_in_answers_are_refused_in_words(client, catalogue, verified_citizen, agency, typed):
    from dossiers.services import dossier_draft_start
    from dossiers.tests.conftest import procedure

    copies = procedure("Chứng thực bản sao từ bản chính")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=copies, case=copies.cases.first(), agency=agency)
    number_field = next(f for f in draft.procedure_snapshot["fields"] if f["type"] == "number")
    sections = list(dict.fromkeys(f["section"] for f in draft.procedure_snapshot["fields"]))
    step = sections.index(number_field["section"]) + 1
    client.force_login(verified_citizen)
    page = client.post(f"/ho-so/cua-toi/{draft.public_id}/khai/{step}/", {number_field["key"]: typed})
    assert page.status_code == 400 and "số hợp lệ" in page.content.decode()


@pytest.mark.django_db
def test_a_zalo_token_with_non_latin_characters_is_refused_not_a_500(client):
    response = client.post("/api/v1/auth/zalo/", {"access_token": "tôi-là-token"}, content_type="application/json")
    assert response.status_code in (400, 401) and response.json()["code"] == "zalo_token_invalid"


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0000-01-01T00:00:00Z", "2026-13-01", "9999-12-31T23:59:59-23:59", "hôm qua"])
def test_open311_dates_out_of_range_are_a_400(client, value):
    response = client.get("/open311/v2/requests.json", {"start_date": value})
    assert response.status_code == 400 and "start_date" in response.content.decode()


@pytest.mark.django_db
def test_one_control_character_does_not_break_the_open311_xml_feed(client, categories, citizen):
    from xml.etree import ElementTree

    from reports.tests.test_services import filed

    filed(citizen, categories["fallen_tree"], description="Cây đổ\x0b chắn đường\x1f.")
    feed = client.get("/open311/v2/requests.xml")
    assert feed.status_code == 200
    root = ElementTree.fromstring(feed.content)  # noqa: S314 - our own feed
    assert "Cây đổ chắn đường." in ElementTree.tostring(root, encoding="unicode")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/dossiers/dossier/abc/change/",
        "/admin/reports/report/abc/change/",
        "/admin/identity/user/abc/change/",
        "/admin/dossiers/dossier/99999999/change/",
    ],
)
def test_admin_lookups_of_odd_ids_never_500(client, officer, url):
    client.force_login(officer)
    assert client.get(url).status_code in (302, 403, 404)


@pytest.mark.django_db
def test_staff_two_factor_covers_the_officer_api_and_files_not_only_admin(
    client, submitted_birth_registration, agency, settings
):
    from allauth.mfa.models import Authenticator

    from agencies.tests.factories import OfficerFactory

    settings.STAFF_MFA_REQUIRED = True
    officer = OfficerFactory(agency=agency)
    Authenticator.objects.filter(user=officer).delete()  # a password alone
    client.force_login(officer)
    attachment = submitted_birth_registration.attachments.first()
    slip = submitted_birth_registration.slips.first()
    api = client.get("/api/v1/officer/dossiers/")
    assert api.status_code == 403 and api.json()["code"] == "mfa_required"
    for url in (
        "/admin/",
        f"/ho-so/tep/{attachment.public_id}/",
        *([f"/ho-so/phieu/{slip.public_id}/"] if slip else []),
        f"/api/v1/officer/dossiers/{submitted_birth_registration.public_id}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403) and "tep" not in response.get("Content-Disposition", ""), url
        if response.status_code == 302:
            assert "/tai-khoan/2fa/" in response["Location"]
    way_out = client.get("/tai-khoan/2fa/totp/activate/")  # the way out stays open (after re-entering the password)
    assert way_out.status_code == 200 or way_out["Location"].startswith("/tai-khoan/reauthenticate/")


@pytest.mark.django_db
def test_every_citizen_page_type_carries_a_csp_without_inline_scripts(client, citizen, categories):
    from reports.tests.test_services import filed

    report = filed(citizen, categories["fallen_tree"])
    anonymous = ["/", "/ho-so/", "/ho-so/tra-cuu/", "/phan-anh/", f"/phan-anh/{report.code}/", "/dang-nhap/"]
    anonymous += ["/cua-hang/", "/cua-hang/so-lieu/"]
    signed_in = ["/tai-khoan-cua-toi/", "/thong-bao/", "/du-lieu-cua-toi/", "/ho-so/cua-toi/", "/phan-anh/gui/"]
    signed_in += ["/cua-hang/dang-ky/", "/cua-hang/cua-toi/"]
    # The pages that ask for the phone's position: filing a report, a shop's pin, "Cửa hàng gần tôi".
    locating = {"/phan-anh/gui/", "/cua-hang/", "/cua-hang/dang-ky/"}
    pages = [(url, client.get(url)) for url in anonymous]
    client.force_login(citizen)
    pages += [(url, client.get(url)) for url in signed_in]
    pages += [("/admin/login/", client.get("/khong-co-trang-nay/"))]  # the 404 page too
    for url, response in pages:
        policy = response.get("Content-Security-Policy", "")
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives.get("script-src") == "'self'", (url, policy)
        assert "frame-ancestors" in directives and "object-src" in directives, url
        assert "<script>" not in response.content.decode() and " onclick=" not in response.content.decode(), url
        geolocation = "geolocation=(self)" if url in locating else "geolocation=()"
        assert geolocation in response["Permissions-Policy"], url


@pytest.mark.django_db
def test_the_duplicate_candidates_show_only_the_officers_own_agencies_reports(
    client, categories, citizen, other_citizen, officer, other_officer, other_agency
):
    from reports.models import Report
    from reports.tests.conftest import HERE
    from reports.tests.test_services import filed

    mine = filed(citizen, categories["fallen_tree"], where=HERE)
    same_agency = filed(citizen, categories["fallen_tree"], where=HERE)
    theirs = filed(other_citizen, categories["fallen_tree"], where=HERE)
    Report.objects.filter(pk=theirs.pk).update(agency=other_agency)  # routed to the other agency
    client.force_login(officer)
    page = client.get(f"/admin/reports/report/{mine.pk}/change/").content.decode()
    assert same_agency.code in page and theirs.code not in page


def test_a_burst_of_big_photos_is_decoded_a_few_at_a_time(tmp_path):
    """Eight citizens' 24-megapixel photos arriving together in one threaded process: with two decodes at a time
    the peak stays near two photos' worth, not eight."""
    import io
    import subprocess
    import sys

    from PIL import Image

    photo = io.BytesIO()
    Image.effect_noise((6000, 4000), 40).convert("RGB").save(photo, "PNG", compress_level=1)
    (tmp_path / "big.png").write_bytes(photo.getvalue())  # PNG: no reduced-scale decoding to hide behind
    script = f"""
import sys, threading
sys.path.insert(0, {str(__import__("django").conf.settings.BASE_DIR)!r})
from citizen_portal.files import clean_photo
data = open({str(tmp_path / "big.png")!r}, "rb").read()
threads = [threading.Thread(target=clean_photo, args=(data, "png")) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print("peak_kb", next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))
"""

    def peak_mb(decodes: int) -> float:
        env = {**__import__("os").environ, "IMAGE_DECODES_PER_PROCESS": str(decodes)}
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180, env=env)
        assert result.returncode == 0, result.stderr
        return int(result.stdout.split()[-1]) / 1024

    bounded, unbounded = peak_mb(2), peak_mb(8)
    print(f"8 photos at once: {bounded:.0f} MB with 2 decodes at a time, {unbounded:.0f} MB with 8")
    assert bounded < unbounded * 0.6
