"""Submission, reception, deadlines, supplements, the one-time reschedule, codes, files and who may do what."""

import datetime as dt
import re
import threading
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.tests.factories import AgencyFactory, OfficerFactory
from citizen_portal.api.exceptions import ApplicationError
from dossiers.models import Dossier, DossierAttachment, DossierHistory, DossierPause
from dossiers.services import (
    attachment_add,
    dossier_draft_save,
    dossier_draft_start,
    dossier_mark_done,
    dossier_receive,
    dossier_request_supplement,
    dossier_reschedule,
    dossier_submit,
    dossier_supplement_answer,
)
from dossiers.tests.conftest import png, procedure
from dossiers.workflow import DossierStatus

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year, month, day, hour=0, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)


def submitted(citizen, agency, name="Xác nhận tình trạng hôn nhân", answers=None):
    """A complete dossier of a procedure that needs no upload."""
    chosen = procedure(name)
    draft = dossier_draft_start(citizen=citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    dossier_draft_save(dossier=draft, citizen=citizen, answers=answers or {"purpose": "Kết hôn", "declaration": "on"})
    return dossier_submit(dossier=draft, citizen=citizen, submission_token=uuid.uuid4())


@pytest.mark.django_db
def test_a_draft_is_prefilled_from_the_verified_identity(catalogue, verified_citizen, agency):
    chosen = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    assert draft.answers["full_name"] == "Nguyễn Văn An"
    assert draft.answers["citizen_id"] == "072068001234"
    assert draft.answers["date_of_birth"] == "1968-03-15"
    assert draft.procedure_snapshot["version"] == chosen.version
    assert [d["key"] for d in draft.procedure_snapshot["documents"]] == ["giay-chung-sinh"]


@pytest.mark.django_db
def test_bad_answers_are_explained_field_by_field_and_good_ones_kept(catalogue, verified_citizen, agency):
    from rest_framework.exceptions import ValidationError

    chosen = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    with pytest.raises(ValidationError) as error:
        dossier_draft_save(
            dossier=draft, citizen=verified_citizen, answers={"child_dob": "31/02/2026", "child_sex": "Khác"}
        )
    assert set(error.value.detail) == {"child_dob", "child_sex"}
    assert "ngày/tháng/năm" in str(error.value.detail["child_dob"][0])
    dossier_draft_save(dossier=draft, citizen=verified_citizen, answers={"child_name": "Bình"})
    assert Dossier.objects.get(pk=draft.pk).answers["child_name"] == "Bình"


@pytest.mark.django_db
def test_an_incomplete_dossier_lists_every_problem_at_once(catalogue, verified_citizen, agency):
    chosen = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    with pytest.raises(ApplicationError) as error:
        dossier_submit(dossier=draft, citizen=verified_citizen, submission_token=uuid.uuid4())
    message = str(error.value.detail)
    for expected in (
        "Họ và tên trẻ",
        "Ngày sinh của trẻ",
        "Nơi sinh",
        "Tôi cam đoan",
        "Thiếu giấy tờ: Giấy chứng sinh",
    ):
        assert expected in message
    assert Dossier.objects.get(pk=draft.pk).status == DossierStatus.DRAFT


@pytest.mark.django_db
def test_a_double_tap_on_submit_creates_one_submission(catalogue, verified_citizen, agency):
    chosen = procedure("Xác nhận tình trạng hôn nhân")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    dossier_draft_save(dossier=draft, citizen=verified_citizen, answers={"purpose": "Kết hôn", "declaration": "on"})
    token = uuid.uuid4()
    first = dossier_submit(dossier=draft, citizen=verified_citizen, submission_token=token)
    second = dossier_submit(dossier=draft, citizen=verified_citizen, submission_token=token)
    assert first.pk == second.pk and second.status == DossierStatus.SUBMITTED
    assert DossierHistory.objects.filter(dossier=draft, to_status=DossierStatus.SUBMITTED).count() == 1
    with pytest.raises(ApplicationError) as again:  # a new tap after success is a refused transition, not a copy
        dossier_submit(dossier=draft, citizen=verified_citizen, submission_token=uuid.uuid4())
    assert again.value.get_codes() == "transition_not_allowed"
    assert Dossier.objects.count() == 1


@pytest.mark.django_db
def test_a_level1_citizen_cannot_submit(catalogue, citizen, agency):
    chosen = procedure("Xác nhận tình trạng hôn nhân")
    draft = dossier_draft_start(citizen=citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    dossier_draft_save(dossier=draft, citizen=citizen, answers={"purpose": "Kết hôn", "declaration": "on"})
    with pytest.raises(ApplicationError) as error:
        dossier_submit(dossier=draft, citizen=citizen, submission_token=uuid.uuid4())
    assert error.value.get_codes() == "identity_level_required"
    assert Dossier.objects.get(pk=draft.pk).status == DossierStatus.DRAFT


@pytest.mark.django_db
def test_a_forged_pdf_is_refused_and_nothing_is_saved(catalogue, verified_citizen, agency, media):
    chosen = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    forged = SimpleUploadedFile("giay-chung-sinh.pdf", b"<html><body>not a pdf</body></html>", "application/pdf")
    with pytest.raises(ApplicationError) as error:
        attachment_add(dossier=draft, user=verified_citizen, document_key="giay-chung-sinh", upload=forged)
    assert error.value.get_codes() == "file_type_refused"
    assert not DossierAttachment.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))
    stored = attachment_add(dossier=draft, user=verified_citizen, document_key="giay-chung-sinh", upload=png())
    assert stored.content_type == "image/png" and stored.size > 0 and len(stored.sha256) == 64


@pytest.mark.django_db
def test_receipt_issues_the_legal_code_and_the_appointment(submitted_birth_registration, officer, agency):
    received = dossier_receive(dossier=submitted_birth_registration, officer=officer, now=at(2026, 11, 16, 9))
    assert re.fullmatch(rf"{agency.identifier}-261116-0001", received.code)
    assert received.status == DossierStatus.RECEIVED
    assert received.due_at == at(2026, 11, 16, 17)  # "within the day"


@pytest.mark.django_db
def test_an_officer_of_another_agency_cannot_receive(submitted_birth_registration, other_officer):
    with pytest.raises(ApplicationError) as error:
        dossier_receive(dossier=submitted_birth_registration, officer=other_officer)
    assert error.value.get_codes() == "not_your_agency"
    assert Dossier.objects.get(pk=submitted_birth_registration.pk).code is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "due"),
    [
        (at(2026, 11, 16, 9), at(2026, 11, 19, 9)),  # Mon 09:00 + 3 working days
        (at(2026, 11, 16, 18, 30), at(2026, 11, 19, 17)),  # after hours: the clock starts Tue 07:00
        # Lunch: the clock starts at 13:30, so 3 days end at the same working moment on Thursday, the close of the
        # morning (11:30, equivalently 13:30).
        (at(2026, 11, 16, 12, 15), at(2026, 11, 19, 11, 30)),
        (at(2026, 4, 29, 9), at(2026, 5, 6, 9)),  # 30/4 and 1/5 and the weekend skipped
        (at(2027, 2, 3, 10), at(2027, 2, 15, 10)),  # Tết 2027 (4–10/02) skipped
    ],
)
def test_appointment_dates_follow_the_working_day_calendar(catalogue, verified_citizen, agency, officer, received, due):
    dossier = submitted(verified_citizen, agency)  # 3 working days
    assert dossier_receive(dossier=dossier, officer=officer, now=received).due_at == due


@pytest.mark.django_db
def test_after_a_supplement_the_deadline_counts_again_from_zero(catalogue, verified_citizen, agency, officer):
    dossier = dossier_receive(dossier=submitted(verified_citizen, agency), officer=officer, now=at(2026, 11, 16, 9))
    dossier_request_supplement(
        dossier=dossier, officer=officer, items=["Ảnh CCCD bị mờ", "Thiếu chữ ký"], now=at(2026, 11, 17, 10)
    )
    answered = dossier_supplement_answer(dossier=dossier, citizen=verified_citizen, now=at(2026, 11, 20, 10))
    assert answered.status == DossierStatus.PROCESSING
    # Fri 20/11 10:00 + 3 working days, with Tue 24/11 (Vietnam Cultural Day) off: Thu 26/11 10:00.
    assert answered.due_at == at(2026, 11, 26, 10)
    pause = DossierPause.objects.get(dossier=dossier)
    assert pause.reason == DossierStatus.SUPPLEMENT_REQUESTED and pause.ended_at is not None
    assert answered.supplement_count == 1


@pytest.mark.django_db
def test_a_supplement_request_after_three_working_days_is_refused(catalogue, verified_citizen, agency, officer):
    dossier = dossier_receive(dossier=submitted(verified_citizen, agency), officer=officer, now=at(2026, 11, 16, 9))
    with pytest.raises(ApplicationError) as error:
        dossier_request_supplement(dossier=dossier, officer=officer, items=["Thiếu giấy tờ"], now=at(2026, 11, 19, 10))
    assert error.value.get_codes() == "supplement_too_late"


@pytest.mark.django_db
def test_the_apology_and_new_date_can_be_issued_once_and_not_at_the_last_minute(
    catalogue, verified_citizen, agency, officer
):
    dossier = dossier_receive(dossier=submitted(verified_citizen, agency), officer=officer, now=at(2026, 11, 16, 9))
    # Due Thu 19/11 09:00. On Thu at 08:00 it is too late to apologise (less than one working day left).
    with pytest.raises(ApplicationError) as late:
        dossier_reschedule(
            dossier=dossier,
            officer=officer,
            new_due_at=at(2026, 11, 23, 9),
            reason="Chờ xác minh",
            now=at(2026, 11, 19, 8),
        )
    assert late.value.get_codes() == "too_late_to_reschedule"
    moved = dossier_reschedule(
        dossier=dossier, officer=officer, new_due_at=at(2026, 11, 23, 9), reason="Chờ xác minh", now=at(2026, 11, 17, 9)
    )
    assert moved.effective_due_at == at(2026, 11, 23, 9)
    with pytest.raises(ApplicationError) as twice:
        dossier_reschedule(
            dossier=dossier, officer=officer, new_due_at=at(2026, 11, 25, 9), reason="Lại chậm", now=at(2026, 11, 18, 9)
        )
    assert twice.value.get_codes() == "already_rescheduled"


@pytest.mark.django_db
def test_an_electronic_result_needs_its_file(submitted_birth_registration, officer, media):
    from dossiers.models import AttachmentKind
    from dossiers.services import dossier_start_processing

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    dossier_start_processing(dossier=dossier, officer=officer)
    with pytest.raises(ApplicationError) as error:
        dossier_mark_done(dossier=dossier, officer=officer, electronic_result=True)
    assert error.value.get_codes() == "result_missing"
    attachment_add(
        dossier=dossier, user=officer, document_key="", upload=png("ket-qua.png"), kind=AttachmentKind.RESULT
    )
    done = dossier_mark_done(dossier=dossier, officer=officer, electronic_result=True)
    assert done.status == DossierStatus.DONE and done.electronic_result and done.finished_at


@pytest.mark.django_db
def test_scoping_citizens_see_their_own_officers_their_agencys_never_drafts(
    submitted_birth_registration, verified_citizen, other_citizen, officer, other_officer, catalogue, agency
):
    draft = dossier_draft_start(
        citizen=verified_citizen,
        procedure=procedure("Đăng ký kết hôn"),
        case=procedure("Đăng ký kết hôn").cases.get(),
        agency=agency,
    )
    assert set(Dossier.objects.for_citizen(verified_citizen)) == {submitted_birth_registration, draft}
    assert not Dossier.objects.for_citizen(other_citizen).exists()
    assert list(Dossier.objects.for_user(officer)) == [submitted_birth_registration]
    assert not Dossier.objects.for_user(other_officer).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_receipts_get_consecutive_codes_without_duplicates(run_concurrently, settings, tmp_path):
    from agencies.models import AgencyKind
    from agencies.tests.factories import CitizenFactory
    from dossiers.catalogue.importer import DEMO_CATALOGUE, catalogue_import_file
    from identity.models import CitizenProfile, IdentityLevel

    settings.MEDIA_ROOT = tmp_path
    AgencyFactory(identifier="TNH-STP", kind=AgencyKind.DEPARTMENT)
    catalogue_import_file(DEMO_CATALOGUE)
    ward_committee = AgencyFactory(identifier="TNH-UB-25459")
    officer = OfficerFactory(agency=ward_committee)
    citizen = CitizenFactory(identity_level=IdentityLevel.VERIFIED)
    CitizenProfile.objects.create(
        user=citizen,
        date_of_birth=dt.date(1968, 3, 15),
        citizen_id="072068001234",
        address="Phường Tân Ninh",
        verified_until=at(2030, 1, 1),
    )
    dossiers = iter([submitted(citizen, ward_committee) for _ in range(6)])
    lock = threading.Lock()

    def receive_one():
        with lock:
            dossier = next(dossiers)
        return dossier_receive(dossier=dossier, officer=officer, now=at(2026, 11, 16, 9)).code

    codes = run_concurrently(receive_one, count=6)
    assert sorted(codes) == [f"TNH-UB-25459-261116-{n:04d}" for n in range(1, 7)]


def _image_bytes(size, fmt) -> bytes:
    import io

    from PIL import Image

    if fmt == "HEIF":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.django_db
def test_phone_photos_are_converted_and_scaled_down_not_refused(catalogue, verified_citizen, agency, media):
    from PIL import Image

    chosen = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    heic = SimpleUploadedFile("IMG_0042.HEIC", _image_bytes((4032, 3024), "HEIF"), "image/heic")
    stored = attachment_add(dossier=draft, user=verified_citizen, document_key="giay-chung-sinh", upload=heic)
    assert stored.content_type == "image/jpeg" and stored.original_name == "IMG_0042.jpg"
    with stored.file.open("rb") as handle:
        assert max(Image.open(handle).size) == 2000
    big = SimpleUploadedFile("anh.jpg", _image_bytes((3000, 1000), "JPEG"), "image/jpeg")
    scaled = attachment_add(dossier=draft, user=verified_citizen, document_key="giay-chung-sinh", upload=big)
    with scaled.file.open("rb") as handle:
        assert Image.open(handle).size == (2000, 667)


@pytest.mark.django_db
def test_a_broken_photo_is_refused_with_nothing_saved(catalogue, verified_citizen, agency, media):
    chosen = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    broken = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200, "image/jpeg")
    with pytest.raises(ApplicationError) as error:
        attachment_add(dossier=draft, user=verified_citizen, document_key="giay-chung-sinh", upload=broken)
    assert error.value.get_codes() == "image_unreadable"
    assert not DossierAttachment.objects.exists()


@pytest.mark.django_db
def test_officers_get_one_deadline_reminder_a_day(catalogue, verified_citizen, agency, officer, other_officer):
    from dossiers.services import deadline_reminders_send
    from notifications.models import Notification

    dossier = dossier_receive(dossier=submitted(verified_citizen, agency), officer=officer, now=at(2026, 11, 16, 9))
    assert deadline_reminders_send(now=at(2026, 11, 16, 9, 5)) == 0  # due Thu: not yet
    assert deadline_reminders_send(now=at(2026, 11, 18, 10)) == 1  # due within a working day
    deadline_reminders_send(now=at(2026, 11, 18, 15))  # later the same day: no second message
    reminders = Notification.objects.filter(event="officer_deadline_reminder")
    assert [n.recipient for n in reminders] == [officer]
    assert "1 hồ sơ sắp đến hạn" in reminders.get().content["inbox"]["title"]
    assert dossier.receiving_agency == agency


@pytest.mark.django_db
def test_a_citizen_rates_a_finished_dossier_once_from_1_to_5(
    client, submitted_birth_registration, officer, verified_citizen
):
    from dossiers.services import dossier_start_processing

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    client.force_login(verified_citizen)
    early = client.post(f"/ho-so/cua-toi/{dossier.public_id}/danh-gia/", {"rating": "5"}, follow=True)
    assert "Chỉ đánh giá được khi hồ sơ đã có kết quả." in early.content.decode()
    dossier_start_processing(dossier=dossier, officer=officer)
    dossier_mark_done(dossier=dossier, officer=officer, electronic_result=False)
    bad = client.post(f"/ho-so/cua-toi/{dossier.public_id}/danh-gia/", {"rating": "9"}, follow=True)
    assert "Vui lòng chọn từ 1 đến 5 sao." in bad.content.decode()
    client.post(f"/ho-so/cua-toi/{dossier.public_id}/danh-gia/", {"rating": "4", "comment": "Nhanh, chu đáo"})
    dossier.refresh_from_db()
    assert (dossier.rating, dossier.rating_comment) == (4, "Nhanh, chu đáo")


@pytest.mark.django_db
def test_a_step_handed_to_another_agency_lets_it_see_the_dossier(
    submitted_birth_registration, officer, other_officer, other_agency
):
    from dossiers.models import ProcessingStep
    from dossiers.services import dossier_assign

    dossier = dossier_receive(dossier=submitted_birth_registration, officer=officer)
    assert not Dossier.objects.for_user(other_officer).exists()
    with pytest.raises(ApplicationError) as error:
        dossier_assign(dossier=dossier, officer=officer, agency=other_agency, assignee=officer, working_days=2)
    assert error.value.get_codes() == "assignee_not_in_agency"
    step = dossier_assign(
        dossier=dossier,
        officer=officer,
        agency=other_agency,
        assignee=other_officer,
        working_days=2,
        note="Xác minh nơi sinh",
    )
    assert step.due_at > dossier.received_at
    assert list(Dossier.objects.for_user(other_officer)) == [dossier]
    dossier_assign(dossier=dossier, officer=officer, agency=other_agency, working_days=1)
    assert ProcessingStep.objects.filter(completed_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_a_document_from_an_earlier_dossier_can_be_reused_but_not_someone_elses(
    submitted_birth_registration, catalogue, verified_citizen, other_citizen, agency, media
):
    from dossiers.services import attachment_reuse

    earlier = DossierAttachment.objects.get(dossier=submitted_birth_registration, kind="citizen")
    chosen = procedure("Đăng ký khai sinh")
    draft = dossier_draft_start(citizen=verified_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    copy = attachment_reuse(dossier=draft, citizen=verified_citizen, document_key="giay-chung-sinh", source=earlier)
    assert copy.sha256 == earlier.sha256 and copy.dossier == draft
    assert DossierHistory.objects.filter(dossier=draft, data__reused_from=str(earlier.public_id)).exists()
    theirs = dossier_draft_start(citizen=other_citizen, procedure=chosen, case=chosen.cases.get(), agency=agency)
    with pytest.raises(ApplicationError):
        attachment_reuse(dossier=theirs, citizen=other_citizen, document_key="giay-chung-sinh", source=earlier)
