"""Field report services: routing, deadlines, duplicates, photos, the officer's moves, ratings, periodic work."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from agencies.models import OfficerRole
from agencies.tests.factories import AgencyFactory, OfficerFactory
from citizen_portal.api.exceptions import ApplicationError
from reports.models import Report, ReportFollower, ReportHistory, ReportPhoto, RoutingRule
from reports.services import (
    deadlines_for,
    duplicate_candidates,
    open_reports_near,
    report_assign,
    report_change_category,
    report_close,
    report_draft_create,
    report_draft_use_photo_location,
    report_follow,
    report_mark_duplicate,
    report_provide_info,
    report_rate,
    report_reject,
    report_reopen,
    report_request_info,
    report_resolve,
    report_start,
    report_submit,
    report_transfer,
    reports_anonymise,
    reports_close_answered,
    reports_remind_and_escalate,
    route,
)
from reports.tests.conftest import FAR, HERE, NEAR, photo
from reports.workflow import ReportStatus

S = ReportStatus


def at(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def filed(citizen, category, where=HERE, now=None, ward=None, **kwargs) -> Report:
    draft = report_draft_create(
        reporter=citizen,
        category=category,
        description=kwargs.pop("description", "Cây me lớn bị gió quật ngã chắn ngang đường."),
        photos=kwargs.pop("photos", [photo()]),
        latitude=where[0] if where else None,
        longitude=where[1] if where else None,
        ward=ward,
        **kwargs,
    )
    return report_submit(report=draft, reporter=citizen, now=now)


@pytest.mark.django_db
def test_submitting_gives_a_yearly_code_the_default_agency_and_the_deadline(categories, citizen, agency):
    first = filed(citizen, categories["fallen_tree"], now=at(2026, 11, 16, 9))
    second = filed(citizen, categories["fallen_tree"], now=at(2026, 11, 16, 10))
    assert (first.code, second.code) == ("PA-2026-000001", "PA-2026-000002")
    assert first.status == S.RECEIVED and first.agency == agency
    assert first.deadline_at == at(2026, 11, 19, 9)  # 3 working days
    assert first.seriously_late_at == at(2026, 11, 30, 9)  # 9 working days; 24/11 is a day off
    assert ReportHistory.objects.get(report=first).data == {"agency": agency.pk}


@pytest.mark.django_db
def test_routing_rules_by_ward_first_match_wins_then_the_category_default(
    categories, agency, other_agency, roads_agency, ward, other_ward
):
    pothole, tree = categories["pothole"], categories["fallen_tree"]
    assert route(pothole, ward.pk) == roads_agency  # no rule: the group's agency
    RoutingRule.objects.create(order=20, ward=ward, agency=agency)  # every category in this ward
    RoutingRule.objects.create(order=10, ward=ward, category=categories["trees"], agency=other_agency)  # the group
    assert route(tree, ward.pk) == other_agency  # order 10 matches first, through the group
    assert route(pothole, ward.pk) == agency  # order 20: any category
    assert route(pothole, other_ward.pk) == roads_agency  # no rule for that ward
    RoutingRule.objects.filter(order=10).update(is_active=False)
    assert route(tree, ward.pk) == agency


@pytest.mark.django_db
def test_deadlines_skip_weekends_and_tet_in_working_days_but_not_in_calendar_days(categories):
    from agencies.working_time import WorkingCalendar

    calendar = WorkingCalendar.from_database()
    tree, flood = categories["fallen_tree"], categories["flood"]
    # Friday 10:00 + 3 working days → Thursday 10:00 (the weekend and 24/11, Culture Day, are off).
    assert deadlines_for(tree, at(2026, 11, 20, 10), calendar)[0] == at(2026, 11, 26, 10)
    # Tết 2027 (holiday Thu 4/2 – Wed 10/2 … per the national calendar): filed Wed 3/2 at 10:00.
    deadline = deadlines_for(tree, at(2027, 2, 3, 10), calendar)[0]
    assert (
        deadline.date() > dt.date(2027, 2, 10)
        and calendar.working_time_between(at(2027, 2, 3, 10), deadline) == 3 * calendar.working_day_length
    )
    # Calendar days count the weekend, but a deadline falling on a day off moves to the next working day.
    assert deadlines_for(flood, at(2026, 11, 20, 10), calendar)[0] == at(2026, 11, 23, 10)  # Sun → Mon
    assert deadlines_for(flood, at(2026, 11, 16, 10), calendar)[0] == at(2026, 11, 18, 10)


@pytest.mark.django_db
def test_a_new_category_recomputes_the_deadline_from_receipt(categories, citizen, roads_agency, officer, agency):
    report = filed(citizen, categories["fallen_tree"], now=at(2026, 11, 16, 9))
    moved = report_change_category(report=report, officer=officer, category=categories["pothole"])
    assert moved.deadline_at == at(2026, 11, 23, 9)  # 5 working days from Mon 16/11 09:00


@pytest.mark.django_db
def test_open_reports_nearby_are_offered_nearest_first_and_far_or_closed_ones_are_not(
    categories, citizen, other_citizen, officer
):
    near = filed(other_citizen, categories["fallen_tree"], where=NEAR)
    filed(other_citizen, categories["fallen_tree"], where=FAR)
    filed(other_citizen, categories["pothole"], where=NEAR)  # another category
    done = filed(other_citizen, categories["fallen_tree"], where=HERE)
    report_reject(report=done, officer=officer, answer="Cây thuộc khuôn viên tư nhân.")
    found = open_reports_near(category=categories["fallen_tree"], latitude=HERE[0], longitude=HERE[1])
    assert [n.report for n in found] == [near]
    assert 100 < found[0].distance_m < 130
    # Staff help: within 50 m only, any state but duplicate.
    mine = filed(citizen, categories["fallen_tree"], where=(HERE[0] + 0.0002, HERE[1]))  # ≈ 22 m from `done`
    assert [n.report for n in duplicate_candidates(mine)] == [done]


@pytest.mark.django_db
def test_photos_lose_every_bit_of_metadata_and_are_scaled_down(categories, citizen):
    report = filed(citizen, categories["fallen_tree"], photos=[photo(gps=HERE)])
    stored = ReportPhoto.objects.get(report=report)
    with stored.image.open("rb") as handle:
        data = handle.read()
    assert b"Samsung" not in data and b"Galaxy" not in data and b"Exif" not in data
    image = Image.open(io.BytesIO(data))
    assert dict(image.getexif()) == {} and max(image.size) == 2048
    assert (stored.width, stored.height) == image.size
    with stored.thumbnail.open("rb") as handle:
        assert max(Image.open(handle).size) == 240
    # The GPS was read before stripping and offered; it is not in the file.
    assert report.photo_location == {
        "latitude": pytest.approx(HERE[0], abs=1e-5),
        "longitude": pytest.approx(HERE[1], abs=1e-5),
    }


@pytest.mark.django_db
def test_the_camera_location_can_be_taken_as_the_report_location(categories, citizen, ward, other_citizen):
    draft = report_draft_create(
        reporter=citizen,
        category=categories["fallen_tree"],
        description="Cây đổ",
        photos=[photo(gps=NEAR)],
        address="Hẻm 12 Trần Hưng Đạo",
        ward=ward,
    )
    assert draft.latitude is None and draft.photo_location
    with pytest.raises(ApplicationError):
        report_draft_use_photo_location(report=draft, reporter=other_citizen)
    located = report_draft_use_photo_location(report=draft, reporter=citizen)
    assert float(located.latitude) == pytest.approx(NEAR[0], abs=1e-5)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("cay.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"), "photo_type_refused"),
        (SimpleUploadedFile("cay.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "image/jpeg"), "photo_unreadable"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_saved(categories, citizen, settings, upload, code):
    with pytest.raises(ApplicationError) as refused:
        report_draft_create(
            reporter=citizen,
            category=categories["fallen_tree"],
            description="Cây đổ",
            photos=[photo(), upload],  # the good photo is not kept either
            latitude=HERE[0],
            longitude=HERE[1],
        )
    assert refused.value.get_codes() == code and "Chưa lưu gì" in str(refused.value.detail)
    assert Report.objects.count() == 0 and ReportPhoto.objects.count() == 0
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))


@pytest.mark.django_db
def test_a_report_needs_a_description_a_photo_and_a_place(categories, citizen, ward):
    base = {"reporter": citizen, "category": categories["fallen_tree"], "description": "Cây đổ"}
    cases = [
        (
            {**base, "description": " ", "photos": [photo()], "latitude": 11.3, "longitude": 106.1},
            "description_required",
        ),
        ({**base, "latitude": 11.3, "longitude": 106.1}, "photo_required"),
        ({**base, "photos": [photo()]}, "location_required"),
        ({**base, "photos": [photo()], "address": "Chợ Long Hoa"}, "location_required"),  # no ward
        ({**base, "photos": [photo()], "latitude": 11.3}, "location_incomplete"),
        ({**base, "photos": [photo()] * 6, "latitude": 11.3, "longitude": 106.1}, "too_many_photos"),
        ({**base, "description": "x" * 4001, "photos": [photo()], "latitude": 11.3, "longitude": 106.1}, "too_long"),
        (
            {**base, "category": categories["trees"], "photos": [photo()], "latitude": 11.3, "longitude": 106.1},
            "category_invalid",
        ),
    ]
    for kwargs, code in cases:
        with pytest.raises(ApplicationError) as refused:
            report_draft_create(**kwargs)
        assert refused.value.get_codes() == code
    assert Report.objects.count() == 0
    ok = report_draft_create(**base, photos=[photo()], address="Chợ Long Hoa", ward=ward)
    assert ok.status == S.DRAFT


@pytest.mark.django_db
def test_an_officer_of_another_agency_cannot_act_on_the_report(categories, citizen, other_officer):
    report = filed(citizen, categories["fallen_tree"])
    for act in (
        lambda: report_assign(report=report, officer=other_officer),
        lambda: report_resolve(report=report, officer=other_officer, answer="Xong"),
        lambda: report_request_info(report=report, officer=other_officer, question="Ở đâu?"),
    ):
        with pytest.raises(ApplicationError) as refused:
            act()
        assert refused.value.get_codes() == "not_your_agency"
    assert Report.objects.get(pk=report.pk).status == S.RECEIVED


@pytest.mark.django_db
def test_the_whole_life_of_a_report_with_the_reporter_told_at_each_step(
    categories, citizen, officer, django_capture_on_commit_callbacks
):
    from notifications.models import InboxMessage

    with django_capture_on_commit_callbacks(execute=True):
        report = filed(citizen, categories["fallen_tree"])
        report = report_assign(report=report, officer=officer)
        report = report_request_info(report=report, officer=officer, question="Cây đổ ở đầu hay cuối hẻm?")
        report = report_provide_info(report=report, reporter=citizen, text="Đầu hẻm, gần tiệm tạp hóa.")
        report = report_resolve(
            report=report, officer=officer, answer="Đội cây xanh đã cưa dọn, thông đường.", photos=[photo()]
        )
    assert report.status == S.RESOLVED and report.public_answer.startswith("Đội cây xanh")
    assert report.photos.filter(kind=ReportPhoto.Kind.ANSWER).count() == 1
    events = list(InboxMessage.objects.filter(recipient=citizen).order_by("id").values_list("event", flat=True))
    assert events == ["report_received", "report_assigned", "report_needs_info", "report_answered"]
    assert [h.to_status for h in report.history.all()] == [
        S.RECEIVED,
        S.ASSIGNED,
        S.NEEDS_INFO,
        S.IN_PROGRESS,
        S.RESOLVED,
    ]


@pytest.mark.django_db
def test_only_the_reporter_answers_the_question(categories, citizen, other_citizen, officer):
    report = report_request_info(report=filed(citizen, categories["fallen_tree"]), officer=officer, question="Ở đâu?")
    with pytest.raises(ApplicationError) as refused:
        report_provide_info(report=report, reporter=other_citizen, text="Tôi biết")
    assert refused.value.get_codes() == "not_found"


@pytest.mark.django_db
def test_marking_a_duplicate_closes_it_and_moves_followers_to_the_original(
    categories, citizen, other_citizen, officer, django_capture_on_commit_callbacks
):
    from agencies.tests.factories import CitizenFactory

    original = filed(other_citizen, categories["fallen_tree"], where=NEAR)
    copy = filed(citizen, categories["fallen_tree"])
    neighbour = CitizenFactory()
    report_follow(report=copy, user=neighbour, me_too=True)
    with django_capture_on_commit_callbacks(execute=True):
        copy = report_mark_duplicate(
            report=copy, officer=officer, original=original, answer="Trùng với phản ánh trước."
        )
    assert copy.status == S.DUPLICATE and copy.duplicate_of == original and copy.closed_at
    assert set(original.followers.values_list("user", flat=True)) == {citizen.pk, neighbour.pk}
    assert not copy.followers.exists()
    with pytest.raises(ApplicationError):
        report_mark_duplicate(report=original, officer=officer, original=original, answer="x")


@pytest.mark.django_db
def test_me_too_is_counted_once_per_person_and_not_for_the_reporter(categories, citizen, other_citizen):
    report = filed(citizen, categories["fallen_tree"])
    report_follow(report=report, user=other_citizen, me_too=True)
    report_follow(report=report, user=other_citizen, me_too=True)
    report_follow(report=report, user=citizen, me_too=True)
    assert Report.objects.get(pk=report.pk).me_too_count == 1
    assert ReportFollower.objects.filter(report=report).count() == 2


@pytest.mark.django_db
def test_an_unhappy_rating_with_a_reason_asks_to_reopen_and_the_officer_decides(
    categories, citizen, officer, other_citizen
):
    report = report_resolve(report=filed(citizen, categories["fallen_tree"]), officer=officer, answer="Đã dọn.")
    with pytest.raises(ApplicationError):
        report_rate(report=report, reporter=other_citizen, rating=1)
    rated = report_rate(
        report=report, reporter=citizen, rating=1, reasons=["not_fixed"], reopen_reason="Cây vẫn còn nằm đó."
    )
    assert rated.status == S.REOPEN_REQUESTED and rated.rating == 1 and rated.rating_reasons == ["not_fixed"]
    with pytest.raises(ApplicationError) as twice:
        report_rate(report=rated, reporter=citizen, rating=2)
    assert twice.value.get_codes() == "already_rated"
    reopened = report_reopen(report=rated, officer=officer, note="Sẽ cử đội xuống lại.", now=at(2026, 11, 23, 9))
    assert reopened.status == S.REOPENED and reopened.deadline_at == at(2026, 11, 27, 9)  # 24/11 is off
    # Declining a reopen request needs a public reason.
    again = report_rate(
        report=report_resolve(report=reopened, officer=officer, answer="Đã dọn hẳn."),
        reporter=citizen,
        rating=1,
        reopen_reason="Vẫn còn cành.",
    )
    with pytest.raises(ApplicationError) as bare:
        report_close(report=again, officer=officer)
    assert bare.value.get_codes() == "answer_required"
    assert report_close(report=again, officer=officer, note="Cành nhỏ do hộ dân tự dọn.").status == S.CLOSED


@pytest.mark.django_db
def test_ratings_close_after_fourteen_days_and_answered_reports_are_then_closed(categories, citizen, officer):
    report = report_resolve(report=filed(citizen, categories["fallen_tree"]), officer=officer, answer="Đã dọn.")
    later = report.answered_at + dt.timedelta(days=15)
    with pytest.raises(ApplicationError) as late:
        report_rate(report=report, reporter=citizen, rating=5, now=later)
    assert late.value.get_codes() == "rating_closed"
    assert reports_close_answered(now=later) == 1
    assert Report.objects.get(pk=report.pk).status == S.CLOSED


@pytest.mark.django_db
def test_a_transfer_is_logged_and_the_new_agency_takes_over(categories, citizen, officer, other_officer, other_agency):
    report = filed(citizen, categories["fallen_tree"])
    with pytest.raises(ApplicationError):
        report_transfer(report=report, officer=officer, agency=other_agency, note="")
    moved = report_transfer(report=report, officer=officer, agency=other_agency, note="Thuộc địa bàn xã Bến Lức")
    assert moved.agency == other_agency
    assert moved.history.last().data == {
        "transferred_from": officer.memberships.get().agency_id,
        "transferred_to": other_agency.pk,
    }
    assert report_assign(report=moved, officer=other_officer).assignee == other_officer
    with pytest.raises(ApplicationError):
        report_start(report=moved, officer=officer)


@pytest.mark.django_db
def test_before_the_deadline_officers_are_reminded_after_it_the_parent_heads_are_told_once(categories, citizen):
    from notifications.models import Notification

    parent = AgencyFactory(name="UBND tỉnh Tây Ninh")
    agency = categories["fallen_tree"].parent.default_agency
    agency.parent = parent
    agency.save()
    worker = OfficerFactory(agency=agency)
    head = OfficerFactory(agency=parent, agency__role=OfficerRole.HEAD)
    report = filed(citizen, categories["fallen_tree"], now=at(2026, 11, 16, 9))  # due Thu 19/11 09:00
    assert reports_remind_and_escalate(now=at(2026, 11, 17, 9)) == {"reminded": 0, "escalated": 0}
    assert reports_remind_and_escalate(now=at(2026, 11, 18, 10)) == {"reminded": 1, "escalated": 0}
    assert reports_remind_and_escalate(now=at(2026, 11, 18, 11)) == {"reminded": 0, "escalated": 0}
    assert Notification.objects.filter(event="officer_report_reminder", recipient=worker).count() == 1
    assert reports_remind_and_escalate(now=at(2026, 11, 19, 10)) == {"reminded": 0, "escalated": 1}
    assert reports_remind_and_escalate(now=at(2026, 11, 20, 10)) == {"reminded": 0, "escalated": 0}
    assert Notification.objects.filter(event="officer_report_escalated", recipient=head).count() == 1
    report.refresh_from_db()
    assert report.is_late(at(2026, 11, 19, 10)) and not report.is_seriously_late(at(2026, 11, 19, 10))
    assert not report.is_seriously_late(at(2026, 11, 27, 10)) and report.is_seriously_late(at(2026, 11, 30, 10))


@pytest.mark.django_db
def test_contact_details_are_wiped_a_year_after_closing_but_the_public_record_stays(categories, citizen, officer):
    report = filed(citizen, categories["fallen_tree"], show_name=True)
    report = report_close(report=report_resolve(report=report, officer=officer, answer="Đã dọn."), officer=officer)
    assert reports_anonymise(now=report.closed_at + dt.timedelta(days=364)) == 0
    assert reports_anonymise(now=report.closed_at + dt.timedelta(days=366)) == 1
    report.refresh_from_db()
    assert (report.reporter, report.contact_name, report.contact_phone, report.show_name) == (None, "", "", False)
    assert report.public_answer == "Đã dọn." and report.description and report.photos.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_officers_resolving_at_once_one_wins_and_the_other_is_told(run_concurrently, categories, citizen, agency):
    report = filed(citizen, categories["fallen_tree"])
    first, second = OfficerFactory(agency=agency), OfficerFactory(agency=agency)
    officers = iter([first, second])

    def resolve():
        officer = next(officers)
        try:
            report_resolve(report=report, officer=officer, answer=f"Xử lý bởi {officer.username}")
            return "ok"
        except ApplicationError as error:
            return error.get_codes()

    assert sorted(run_concurrently(resolve, count=2)) == ["ok", "transition_not_allowed"]
    assert ReportHistory.objects.filter(report=report, to_status=S.RESOLVED).count() == 1


@pytest.mark.django_db
def test_the_history_records_when_the_report_was_received(categories, citizen):
    report = filed(citizen, categories["fallen_tree"], now=at(2026, 11, 16, 9))
    assert report.history.get().at == at(2026, 11, 16, 9) == report.received_at


def _encoded(kind: str) -> bytes:
    image = Image.new("RGB", (2600, 1200), (90, 140, 60))
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    out = io.BytesIO()
    if kind == "HEIF":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    image.save(out, kind, exif=exif.tobytes()) if kind != "PNG" else image.save(out, kind)
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "name"), [("PNG", "anh.png"), ("WEBP", "anh.webp"), ("HEIF", "IMG_0001.HEIC")])
def test_png_webp_and_iphone_heic_photos_are_converted_to_clean_jpeg(categories, citizen, kind, name):
    upload = SimpleUploadedFile(name, _encoded(kind), content_type="application/octet-stream")
    report = filed(citizen, categories["fallen_tree"], photos=[upload])
    with report.photos.get().image.open("rb") as handle:
        data = handle.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (2048, 945) and b"Apple" not in data
