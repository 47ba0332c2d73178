"""Every change to a field report (HOUSE_STYLE §3–5): one function per transition, each locking the row, checking
the transition table, writing history and notifying after commit."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from agencies.models import Agency, OfficerMembership, OfficerRole, Ward
from agencies.working_time import WorkingCalendar
from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.geo import distance_m
from citizen_portal.identifiers import valid_uuids
from citizen_portal.photos import clean_uploaded_photos
from citizen_portal.sequences import next_number
from reports.models import (
    Category,
    DeadlineUnit,
    Report,
    ReportCodeSequence,
    ReportFollower,
    ReportHistory,
    ReportPhoto,
    RoutingRule,
    Source,
)
from reports.workflow import ANSWER_REQUIRED, ANSWERED_STATUSES, OPEN_STATUSES, ReportStatus, can_transition

S = ReportStatus
MAX_DESCRIPTION = 4000


# Routing and deadlines.


def route(category: Category, ward_id: int | None) -> Agency | None:
    """The first active rule matching the ward (and the category or its group) wins; else the category's agency,
    else its group's."""
    for rule in RoutingRule.objects.filter(is_active=True, ward_id=ward_id).select_related("agency"):
        if rule.matches(category, ward_id):
            return rule.agency
    if category.default_agency_id:
        return category.default_agency
    return category.parent.default_agency if category.parent_id else None


def deadlines_for(category: Category, start: dt.datetime, calendar: WorkingCalendar) -> tuple[dt.datetime, dt.datetime]:
    """(deadline, seriously late after): the category's time, and three times it, from `start`."""
    value = category.deadline_value
    if category.deadline_unit == DeadlineUnit.CALENDAR_DAYS:
        return calendar.add_calendar_days(start, value), calendar.add_calendar_days(start, 3 * value)
    return calendar.add_working_days(start, value), calendar.add_working_days(start, 3 * value)


def _set_deadlines(report: Report, start: dt.datetime, calendar: WorkingCalendar | None = None) -> None:
    report.deadline_at, report.seriously_late_at = deadlines_for(
        report.category, start, calendar or WorkingCalendar.from_database()
    )
    report.reminded_at = report.escalated_at = None


# Distance: portable (no PostGIS), a bounding box in the database then the exact distance in Python.


@dataclass(frozen=True)
class Nearby:
    report: Report
    distance_m: float


def reports_near(
    *,
    category: Category,
    latitude: float,
    longitude: float,
    radius_m: float,
    queryset: models.QuerySet | None = None,
    exclude: Report | None = None,
    limit: int = 5,
) -> list[Nearby]:
    """Reports of the same category within `radius_m`, nearest first."""
    lat_span = radius_m / 111_320
    lon_span = radius_m / (111_320 * max(math.cos(math.radians(latitude)), 0.01))
    candidates = (queryset if queryset is not None else Report.objects.all()).filter(
        category=category,
        latitude__range=(Decimal(latitude - lat_span), Decimal(latitude + lat_span)),
        longitude__range=(Decimal(longitude - lon_span), Decimal(longitude + lon_span)),
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    found = []
    for report in candidates.select_related("category")[:500]:
        distance = distance_m(latitude, longitude, float(report.latitude), float(report.longitude))
        if distance <= radius_m:
            found.append(Nearby(report, distance))
    return sorted(found, key=lambda near: near.distance_m)[:limit]


def open_reports_near(*, category: Category, latitude: float, longitude: float, exclude=None) -> list[Nearby]:
    """What a citizen is shown before filing: open public reports like theirs close by."""
    return reports_near(
        category=category,
        latitude=latitude,
        longitude=longitude,
        radius_m=settings.REPORTS["DUPLICATE_RADIUS_M"],
        queryset=Report.objects.public().open(),
        exclude=exclude,
    )


def duplicate_candidates(report: Report, officer=None) -> list[Nearby]:
    """For staff: same category within 50 m over the last 12 weeks, whatever the state; with `officer`, only the
    reports that officer may see (another agency's reports and their reporters stay theirs)."""
    if not report.has_location:
        return []
    since = timezone.now() - dt.timedelta(weeks=settings.REPORTS["STAFF_DUPLICATE_WEEKS"])
    visible = Report.objects.for_user(officer) if officer is not None else Report.objects.all()
    return reports_near(
        category=report.category,
        latitude=float(report.latitude),
        longitude=float(report.longitude),
        radius_m=settings.REPORTS["STAFF_DUPLICATE_RADIUS_M"],
        queryset=visible.submitted().filter(received_at__gte=since).exclude(status=S.DUPLICATE),
        exclude=report,
        limit=10,
    )


# The one transition step every service uses.


def _transition(
    report: Report,
    to: str,
    *,
    actor,
    public_text: str = "",
    internal_note: str = "",
    data: dict | None = None,
    changes: Callable[[Report], Iterable[str]] | None = None,
    at: dt.datetime | None = None,
) -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if not can_transition(locked.status, to):
        raise ApplicationError(
            f"Phản ánh đang ở trạng thái \u201c{locked.get_status_display()}\u201d nên không thể chuyển sang "
            f"\u201c{ReportStatus(to).label}\u201d.",
            code="transition_not_allowed",
            status_code=409,
        )
    if to in ANSWER_REQUIRED and not public_text.strip():
        raise ApplicationError("Cần viết câu trả lời công khai cho người dân.", code="answer_required")
    previous = locked.status
    locked.status = to
    fields = {"status", "updated_at"} | set(changes(locked) if changes else ())
    locked.save(update_fields=sorted(fields))
    ReportHistory.objects.create(
        report=locked,
        at=at or timezone.now(),
        actor=actor,
        from_status=previous,
        to_status=to,
        public_text=public_text.strip(),
        internal_note=internal_note.strip(),
        data=data or {},
    )
    return locked


def _ensure_officer_scope(report: Report, officer) -> None:
    if not Report.objects.for_user(officer).filter(pk=report.pk).exists():
        raise ApplicationError("Phản ánh không thuộc cơ quan của bạn.", code="not_your_agency", status_code=403)


def _ensure_reporter(report: Report, user) -> None:
    if not user.is_authenticated or report.reporter_id != user.pk:
        raise ApplicationError("Không tìm thấy phản ánh.", code="not_found", status_code=404)


def _notify_on_commit(report: Report, event: str, context: dict | None = None, followers: bool = False) -> None:
    """Tell the reporter (and followers, for answers) once the change has committed."""
    report_id, history_count = report.pk, report.history.count()

    def send() -> None:
        from notifications.services import notify

        fresh = Report.objects.select_related("category", "agency", "reporter", "duplicate_of").get(pk=report_id)
        recipients = [fresh.reporter] if fresh.reporter_id else []
        if followers:
            recipients += [f.user for f in fresh.followers.select_related("user").exclude(user=fresh.reporter_id)]
        for recipient in recipients:
            with transaction.atomic():
                notify(
                    recipient=recipient,
                    event=event,
                    context={
                        "report_code": fresh.code,
                        "report_title": fresh.category.name,
                        "agency_name": fresh.agency.name if fresh.agency_id else "",
                        "deadline_at": fresh.deadline_at,
                        "status_label": fresh.get_status_display(),
                        "answer": fresh.public_answer,
                        **(context or {}),
                    },
                    link=f"/phan-anh/{fresh.code}/",
                    agency=fresh.agency,
                    dedupe_key=f"{event}:{fresh.public_id}:{history_count}:{recipient.pk}",
                )

    transaction.on_commit(send)


# Citizen: a draft with photos, then submission.


def _clean_photos(uploads: Sequence[UploadedFile]) -> list:
    limits = settings.REPORTS
    return clean_uploaded_photos(uploads, limit=limits["MAX_PHOTOS"], max_bytes=limits["MAX_PHOTO_BYTES"])


def _store_photos(report: Report | None, cleaned: list, kind: str, user) -> list[ReportPhoto]:
    rows = []
    for photo in cleaned:
        row = ReportPhoto(report=report, kind=kind, width=photo.width, height=photo.height, uploaded_by=user)
        if report is None and photo.gps:
            row.camera_location = {"latitude": photo.gps[0], "longitude": photo.gps[1]}
        row.image.save("anh.jpg", ContentFile(photo.data), save=False)
        row.thumbnail.save("anh.jpg", ContentFile(photo.thumbnail), save=False)
        row.save()
        rows.append(row)
    return rows


def report_photos_stash(*, reporter, photos: Sequence[UploadedFile], already: int = 0) -> list[ReportPhoto]:
    """Keep photos the moment they arrive, before the rest of the form is judged: a missing ward or description
    must never make the citizen pick and upload them again on 3G. They wait, owned by the reporter, for
    `report_draft_create(kept_photos=…)`; unused ones are purged with old drafts."""
    limit = settings.REPORTS["MAX_PHOTOS"]
    if already + len(photos) > limit:
        raise ApplicationError(f"Chỉ gửi tối đa {limit} ảnh; bỏ bớt ảnh trước khi thêm.", code="too_many_photos")
    cleaned = _clean_photos(photos)
    with transaction.atomic():
        return _store_photos(None, cleaned, ReportPhoto.Kind.REPORT, reporter)


def report_photo_discard(*, photo: ReportPhoto, reporter) -> None:
    """The citizen took back a waiting photo (wrong one); sent reports keep theirs."""
    if photo.report_id is not None or photo.uploaded_by_id != reporter.pk:
        raise ApplicationError("Ảnh này không bỏ được nữa.", code="photo_locked", status_code=409)
    photo.image.delete(save=False)
    photo.thumbnail.delete(save=False)
    photo.delete()


def waiting_photos(reporter, public_ids) -> list[ReportPhoto]:
    """The reporter's own photos that wait for a report, among `public_ids` (anything else is ignored)."""
    ids = valid_uuids(public_ids)
    if not ids or not reporter.is_authenticated:
        return []
    return list(ReportPhoto.objects.filter(public_id__in=ids, report=None, uploaded_by=reporter).order_by("id"))


def _check_location(latitude, longitude, address: str, ward: Ward | None, source: str) -> None:
    if (latitude is None) != (longitude is None):
        raise ApplicationError("Vị trí thiếu vĩ độ hoặc kinh độ.", code="location_incomplete")
    if latitude is not None and not (-90 <= float(latitude) <= 90 and -180 <= float(longitude) <= 180):
        raise ApplicationError("Vị trí không hợp lệ.", code="location_invalid")
    # Our own form always offers the ward; an integration may only have an address line.
    if latitude is None and not (address.strip() and (ward is not None or source != Source.WEB)):
        raise ApplicationError(
            "Cần cho biết vị trí: bấm “Lấy vị trí của tôi”, hoặc ghi địa chỉ và chọn xã/phường.",
            code="location_required",
        )


def report_draft_create(
    *,
    reporter,
    category: Category,
    description: str,
    photos: Sequence[UploadedFile] = (),
    latitude: float | Decimal | None = None,
    longitude: float | Decimal | None = None,
    address: str = "",
    ward: Ward | None = None,
    show_name: bool = False,
    source: str = Source.WEB,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    phone_photo_location: tuple[float, float] | None = None,
    kept_photos: Sequence[ReportPhoto] = (),
) -> Report:
    """Everything the citizen typed and photographed, checked and kept as a draft until they confirm it is not a
    duplicate. Photos are stripped of all metadata here, before anyone else can see them."""
    description = (description or "").strip()
    if not description:
        raise ApplicationError("Cần mô tả ngắn sự việc.", code="description_required")
    if len(description) > MAX_DESCRIPTION:
        raise ApplicationError(f"Nội dung dài quá {MAX_DESCRIPTION:,} ký tự.".replace(",", "."), code="too_long")
    if not category.is_active or category.parent_id is None:
        raise ApplicationError("Loại phản ánh không hợp lệ.", code="category_invalid")
    if source == Source.WEB and len(photos) + len(kept_photos) < settings.REPORTS["MIN_PHOTOS"]:
        raise ApplicationError("Cần ít nhất một ảnh chụp sự việc.", code="photo_required")
    if len(photos) + len(kept_photos) > settings.REPORTS["MAX_PHOTOS"]:
        raise ApplicationError(f"Chỉ gửi tối đa {settings.REPORTS['MAX_PHOTOS']} ảnh.", code="too_many_photos")
    if any(p.report_id is not None or p.uploaded_by_id != getattr(reporter, "pk", None) for p in kept_photos):
        raise ApplicationError("Ảnh không thuộc về bạn.", code="photo_not_yours", status_code=403)
    _check_location(latitude, longitude, address, ward, source)
    cleaned = _clean_photos(photos)
    photo_location = next(({"latitude": p.gps[0], "longitude": p.gps[1]} for p in cleaned if p.gps), None)
    photo_location = photo_location or next((p.camera_location for p in kept_photos if p.camera_location), None)
    if photo_location is None and phone_photo_location is not None:
        # The phone read the camera's GPS before shrinking the photo (which drops EXIF); offer it like our own.
        photo_location = {"latitude": phone_photo_location[0], "longitude": phone_photo_location[1]}
    user = reporter if reporter is not None and reporter.is_authenticated else None
    with transaction.atomic():
        report = Report.objects.create(
            reporter=user,
            category=category,
            description=description,
            latitude=None if latitude is None else Decimal(str(round(float(latitude), 6))),
            longitude=None if longitude is None else Decimal(str(round(float(longitude), 6))),
            address=address.strip()[:255],
            ward=ward,
            photo_location=photo_location,
            show_name=show_name,
            source=source,
            contact_name=contact_name or (user.display_name if user else ""),
            contact_phone=contact_phone or (user.phone if user and user.phone else ""),
            contact_email=contact_email or (user.email if user else ""),
        )
        ReportPhoto.objects.filter(pk__in=[p.pk for p in kept_photos], report=None).update(
            report=report, camera_location=None
        )
        _store_photos(report, cleaned, ReportPhoto.Kind.REPORT, user)
    return report


@transaction.atomic
def report_draft_use_photo_location(*, report: Report, reporter) -> Report:
    """The citizen accepted the place the camera recorded as the report's location."""
    _ensure_reporter(report, reporter)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != S.DRAFT or not locked.photo_location:
        raise ApplicationError("Không có vị trí trong ảnh để dùng.", code="no_photo_location", status_code=409)
    locked.latitude = Decimal(str(locked.photo_location["latitude"]))
    locked.longitude = Decimal(str(locked.photo_location["longitude"]))
    locked.save(update_fields=["latitude", "longitude", "updated_at"])
    return locked


def _allocate_code(year: int) -> str:
    """PA-YYYY-NNNNNN, one sequence a year; the row lock keeps numbers unique and gap-free under concurrency."""
    return f"PA-{year}-{next_number(ReportCodeSequence, year=year):06d}"


@transaction.atomic
def report_submit(*, report: Report, reporter, now: dt.datetime | None = None) -> Report:
    """Send the draft: a code, the agency from the routing rules, the deadline from the category."""
    if report.source == Source.WEB or reporter is not None:
        _ensure_reporter(report, reporter)
    now = now or timezone.now()
    agency = route(report.category, report.ward_id)

    def changes(locked: Report):
        locked.code = _allocate_code(timezone.localtime(now).year)
        locked.received_at = now
        locked.agency = agency
        _set_deadlines(locked, now)
        return ["code", "received_at", "agency", "deadline_at", "seriously_late_at", "reminded_at", "escalated_at"]

    data = {"agency": agency.pk if agency else None}
    submitted = _transition(report, S.RECEIVED, actor=reporter, data=data, changes=changes, at=now)
    _notify_on_commit(submitted, "report_received")
    return submitted


@transaction.atomic
def report_draft_discard(*, report: Report, reporter) -> None:
    _ensure_reporter(report, reporter)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != S.DRAFT:
        raise ApplicationError("Phản ánh đã gửi, không hủy được.", code="not_a_draft", status_code=409)
    for photo in locked.photos.all():
        photo.image.delete(save=False)
        photo.thumbnail.delete(save=False)
    locked.delete()


@transaction.atomic
def report_follow(*, report: Report, user, me_too: bool = False) -> ReportFollower:
    """Follow a report; "me too" also counts the person as affected (once)."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status == S.DRAFT or not (locked.category.publicly_visible or locked.reporter_id == user.pk):
        raise ApplicationError("Không tìm thấy phản ánh.", code="not_found", status_code=404)
    follower, _ = ReportFollower.objects.get_or_create(report=locked, user=user)
    if me_too and not follower.me_too and locked.reporter_id != user.pk:
        follower.me_too = True
        follower.save(update_fields=["me_too"])
        Report.objects.filter(pk=locked.pk).update(me_too_count=models.F("me_too_count") + 1)
    return follower


@transaction.atomic
def report_unfollow(*, report: Report, user) -> None:
    follower = ReportFollower.objects.select_for_update().filter(report=report, user=user).first()
    if follower is None:
        return
    if follower.me_too:
        Report.objects.filter(pk=report.pk).update(me_too_count=models.F("me_too_count") - 1)
    follower.delete()


@transaction.atomic
def report_provide_info(*, report: Report, reporter, text: str) -> Report:
    """The reporter answers the officer's question; the report goes back to work."""
    _ensure_reporter(report, reporter)
    if not text.strip():
        raise ApplicationError("Cần ghi thông tin bổ sung.", code="text_required")
    if report.status != S.NEEDS_INFO:  # only an answer to a question the officer asked
        raise ApplicationError(
            "Cơ quan chưa hỏi thêm thông tin về phản ánh này.", code="info_not_requested", status_code=409
        )
    return _transition(report, S.IN_PROGRESS, actor=reporter, public_text=text, data={"by": "reporter"})


@transaction.atomic
def report_rate(
    *,
    report: Report,
    reporter,
    rating: int,
    reasons: Sequence[str] = (),
    comment: str = "",
    reopen_reason: str = "",
    now: dt.datetime | None = None,
) -> Report:
    """Stars for the answer within the rating window; an unhappy rating with a reason asks to reopen."""
    _ensure_reporter(report, reporter)
    now = now or timezone.now()
    if not 1 <= int(rating) <= 5:
        raise ApplicationError("Vui lòng chọn từ 1 đến 5 sao.", code="rating_invalid")
    unknown = set(reasons) - set(settings.REPORTS["RATING_REASONS"])
    if unknown:
        raise ApplicationError("Lý do đánh giá không hợp lệ.", code="reason_invalid")
    locked = Report.objects.select_for_update().get(pk=report.pk)
    until = locked.rating_open_until()
    if locked.rating is not None:
        raise ApplicationError("Bạn đã đánh giá phản ánh này.", code="already_rated", status_code=409)
    if until is None or now > until:
        raise ApplicationError(
            f"Chỉ đánh giá được trong {settings.REPORTS['RATING_DAYS']} ngày sau khi có trả lời.",
            code="rating_closed",
            status_code=409,
        )
    locked.rating, locked.rating_reasons, locked.rating_comment, locked.rated_at = (
        int(rating),
        list(reasons),
        comment.strip()[:2000],
        now,
    )
    locked.save(update_fields=["rating", "rating_reasons", "rating_comment", "rated_at", "updated_at"])
    if int(rating) <= 2 and reopen_reason.strip():
        return _transition(
            locked, S.REOPEN_REQUESTED, actor=reporter, public_text=reopen_reason, data={"rating": int(rating)}
        )
    return locked


# Officers.


@transaction.atomic
def report_assign(*, report: Report, officer, assignee=None) -> Report:
    """Take the report on (or give it to a colleague of the same agency)."""
    _ensure_officer_scope(report, officer)
    assignee = assignee or officer
    in_agency = OfficerMembership.objects.filter(user=assignee, agency_id=report.agency_id).exists()
    if report.agency_id and not in_agency and not assignee.is_superuser:
        raise ApplicationError("Cán bộ được giao không thuộc cơ quan xử lý.", code="assignee_invalid")

    def changes(locked):
        locked.assignee = assignee
        return ["assignee"]

    assigned = _transition(report, S.ASSIGNED, actor=officer, data={"assignee": assignee.pk}, changes=changes)
    _notify_on_commit(assigned, "report_assigned")
    return assigned


@transaction.atomic
def report_start(*, report: Report, officer) -> Report:
    _ensure_officer_scope(report, officer)
    return _transition(report, S.IN_PROGRESS, actor=officer)


@transaction.atomic
def report_request_info(*, report: Report, officer, question: str) -> Report:
    """Ask the reporter something (public: others see the question too)."""
    _ensure_officer_scope(report, officer)
    if not question.strip():
        raise ApplicationError("Cần ghi câu hỏi cho người phản ánh.", code="question_required")
    asked = _transition(report, S.NEEDS_INFO, actor=officer, public_text=question)
    _notify_on_commit(asked, "report_needs_info", {"question": question.strip()})
    return asked


def _answer(report: Report, to: str, *, officer, answer: str, internal_note: str = "", data=None, extra=None):
    def changes(locked):
        locked.public_answer = answer.strip()
        locked.answered_at = timezone.now()
        return ["public_answer", "answered_at", *(extra(locked) if extra else ())]

    answered = _transition(
        report, to, actor=officer, public_text=answer, internal_note=internal_note, data=data, changes=changes
    )
    _notify_on_commit(answered, "report_answered", {"outcome": to}, followers=True)
    return answered


@transaction.atomic
def report_resolve(
    *, report: Report, officer, answer: str, photos: Sequence[UploadedFile] = (), internal_note: str = ""
) -> Report:
    """Done: the public answer, optionally with "after" photos."""
    _ensure_officer_scope(report, officer)
    cleaned = _clean_photos(photos)
    resolved = _answer(report, S.RESOLVED, officer=officer, answer=answer, internal_note=internal_note)
    _store_photos(resolved, cleaned, ReportPhoto.Kind.ANSWER, officer)
    return resolved


@transaction.atomic
def report_reject(*, report: Report, officer, answer: str, internal_note: str = "") -> Report:
    """Not ours or not valid: say why, publicly."""
    _ensure_officer_scope(report, officer)
    return _answer(report, S.REJECTED, officer=officer, answer=answer, internal_note=internal_note)


@transaction.atomic
def report_mark_duplicate(*, report: Report, officer, original: Report, answer: str) -> Report:
    """Close this one in favour of `original`: its followers (and reporter) now follow the original."""
    _ensure_officer_scope(report, officer)
    if original.pk == report.pk or original.status in (S.DRAFT, S.DUPLICATE):
        raise ApplicationError("Chọn một phản ánh gốc khác, đang còn hiệu lực.", code="original_invalid")
    if original.category_id != report.category_id and original.category.parent_id != report.category.parent_id:
        raise ApplicationError("Phản ánh gốc phải cùng loại sự việc.", code="original_invalid")

    def extra(locked):
        locked.duplicate_of = original
        locked.closed_at = timezone.now()
        return ["duplicate_of", "closed_at"]

    duplicate = _answer(
        report, S.DUPLICATE, officer=officer, answer=answer, data={"original": original.code}, extra=extra
    )
    movers = [f.user_id for f in duplicate.followers.all()]
    if duplicate.reporter_id:
        movers.append(duplicate.reporter_id)
    existing = set(ReportFollower.objects.filter(report=original, user_id__in=movers).values_list("user_id", flat=True))
    ReportFollower.objects.bulk_create(
        [
            ReportFollower(report=original, user_id=user_id)
            for user_id in dict.fromkeys(movers)
            if user_id not in existing
        ]
    )
    duplicate.followers.all().delete()
    return duplicate


@transaction.atomic
def report_close(*, report: Report, officer=None, note: str = "") -> Report:
    """Close an answered report (or decline a reopen request, with a public reason)."""
    if officer is not None:
        _ensure_officer_scope(report, officer)
    if report.status == S.REOPEN_REQUESTED and not note.strip():
        raise ApplicationError("Cần trả lời người dân vì sao không mở lại.", code="answer_required")

    def changes(locked):
        locked.closed_at = timezone.now()
        return ["closed_at"]

    return _transition(report, S.CLOSED, actor=officer, public_text=note, changes=changes)


@transaction.atomic
def report_reopen(*, report: Report, officer, note: str = "", now: dt.datetime | None = None) -> Report:
    """Accept the reporter's request: work starts again with a fresh deadline."""
    _ensure_officer_scope(report, officer)
    now = now or timezone.now()

    def changes(locked):
        _set_deadlines(locked, now)
        locked.answered_at = None
        locked.rating = None
        return ["deadline_at", "seriously_late_at", "reminded_at", "escalated_at", "answered_at", "rating"]

    reopened = _transition(report, S.REOPENED, actor=officer, public_text=note, changes=changes, at=now)
    _notify_on_commit(reopened, "report_reopened")
    return reopened


@transaction.atomic
def report_transfer(*, report: Report, officer, agency: Agency, note: str) -> Report:
    """Hand the report to another agency (logged); the promise to the citizen, the deadline, stands."""
    _ensure_officer_scope(report, officer)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status not in OPEN_STATUSES:
        raise ApplicationError("Phản ánh đã xong, không chuyển được.", code="not_open", status_code=409)
    if agency.pk == locked.agency_id or not agency.is_active:
        raise ApplicationError("Chọn một cơ quan khác, đang hoạt động.", code="agency_invalid")
    if not note.strip():
        raise ApplicationError("Cần ghi lý do chuyển.", code="reason_required")
    previous = locked.agency_id
    locked.agency, locked.assignee = agency, None
    locked.save(update_fields=["agency", "assignee", "updated_at"])
    ReportHistory.objects.create(
        report=locked,
        actor=officer,
        from_status=locked.status,
        to_status=locked.status,
        internal_note=note.strip(),
        data={"transferred_from": previous, "transferred_to": agency.pk},
    )
    return locked


@transaction.atomic
def report_change_category(*, report: Report, officer, category: Category) -> Report:
    """Recategorise: the deadline is recomputed from receipt under the new category's time."""
    _ensure_officer_scope(report, officer)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if category.parent_id is None or not category.is_active:
        raise ApplicationError("Chọn một loại phản ánh cụ thể.", code="category_invalid")
    previous = locked.category_id
    locked.category = category
    if locked.received_at and locked.status in OPEN_STATUSES:
        _set_deadlines(locked, locked.received_at)
    locked.save(
        update_fields=["category", "deadline_at", "seriously_late_at", "reminded_at", "escalated_at", "updated_at"]
    )
    ReportHistory.objects.create(
        report=locked,
        actor=officer,
        from_status=locked.status,
        to_status=locked.status,
        data={"category_from": previous, "category_to": category.pk},
    )
    return locked


@transaction.atomic
def report_note_add(*, report: Report, officer, note: str) -> ReportHistory:
    _ensure_officer_scope(report, officer)
    if not note.strip():
        raise ApplicationError("Ghi chú trống.", code="note_required")
    return ReportHistory.objects.create(
        report=report, actor=officer, from_status=report.status, to_status=report.status, internal_note=note.strip()
    )


# Periodic work.


def _tell_officers(report: Report, *, event: str, agency: Agency, roles: Sequence[str]) -> None:
    """One message per officer of `agency` with one of `roles`, once per report, event and deadline."""
    from notifications.services import notify

    memberships = OfficerMembership.objects.filter(agency=agency, role__in=roles).select_related("user")
    for officer in [m.user for m in memberships]:
        notify(
            recipient=officer,
            event=event,
            context={
                "report_code": report.code,
                "report_title": report.category.name,
                "deadline_at": report.deadline_at,
                "agency_name": report.agency.name,
            },
            link=f"/admin/reports/report/{report.pk}/change/",
            agency=agency,
            dedupe_key=f"{event}:{report.pk}:{officer.pk}:{report.deadline_at:%Y%m%d%H%M}",
        )


def reports_remind_and_escalate(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remind the agency a working day before the deadline; past it, tell the heads of the parent agency (or of
    the agency itself at the top). Each report is claimed with a conditional update, so it happens once."""
    now = now or timezone.now()
    calendar = WorkingCalendar.from_database()
    soon = calendar.add_working_days(now, 1)
    counts = {"reminded": 0, "escalated": 0}
    due_soon = Report.objects.open().filter(deadline_at__gt=now, deadline_at__lte=soon, reminded_at__isnull=True)
    for report in due_soon.select_related("agency", "category"):
        if not report.agency_id or not Report.objects.filter(pk=report.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            continue
        with transaction.atomic():
            _tell_officers(
                report,
                event="officer_report_reminder",
                agency=report.agency,
                roles=[OfficerRole.OFFICER, OfficerRole.HEAD],
            )
        counts["reminded"] += 1
    overdue = Report.objects.open().filter(deadline_at__lte=now, escalated_at__isnull=True)
    for report in overdue.select_related("agency__parent", "category"):
        if not report.agency_id or not Report.objects.filter(pk=report.pk, escalated_at__isnull=True).update(
            escalated_at=now
        ):
            continue
        above = report.agency.parent or report.agency
        with transaction.atomic():
            _tell_officers(report, event="officer_report_escalated", agency=above, roles=[OfficerRole.HEAD])
            ReportHistory.objects.create(
                report=report,
                from_status=report.status,
                to_status=report.status,
                internal_note=f"Quá hạn: đã báo lãnh đạo {above.name}.",
                data={"escalated_to": above.pk},
            )
        counts["escalated"] += 1
    return counts


def reports_close_answered(*, now: dt.datetime | None = None) -> int:
    """Answered reports nobody asked to reopen are closed once the rating window has passed."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.REPORTS["RATING_DAYS"])
    closed = 0
    for report in Report.objects.filter(status__in=ANSWERED_STATUSES, answered_at__lt=cutoff):
        try:
            report_close(report=report)
            closed += 1
        except ApplicationError:
            continue  # moved on meanwhile (e.g. reopen requested)
    return closed


def reports_anonymise(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Wipe reporter contact details `days` after closing (REPORTS["RETENTION_DAYS"]); the public record stays."""
    now = now or timezone.now()
    days = settings.REPORTS["RETENTION_DAYS"] if days is None else days
    done_statuses = [S.CLOSED, S.DUPLICATE]
    return Report.objects.filter(
        status__in=done_statuses, closed_at__lt=now - dt.timedelta(days=days), anonymised_at__isnull=True
    ).update(reporter=None, contact_name="", contact_phone="", contact_email="", show_name=False, anonymised_at=now)


def report_drafts_purge(*, now: dt.datetime | None = None) -> int:
    """Drafts never sent (the citizen walked away at the duplicate check) go after a day, photos included."""
    now = now or timezone.now()
    purged = 0
    for report in Report.objects.filter(status=S.DRAFT, created_at__lt=now - dt.timedelta(days=1)):
        for photo in report.photos.all():
            photo.image.delete(save=False)
            photo.thumbnail.delete(save=False)
        report.delete()
        purged += 1
    for photo in ReportPhoto.objects.filter(report=None, created_at__lt=now - dt.timedelta(days=1)):
        photo.image.delete(save=False)
        photo.thumbnail.delete(save=False)
        photo.delete()
    return purged


def reporter_erase(user) -> int:
    """Account deletion: the reports stay (public record) but nothing ties them to the person any more: no name on
    the public page or in the API, no contact details, no link to the account."""
    return Report.objects.filter(reporter=user).update(
        reporter=None,
        contact_name="",
        contact_phone="",
        contact_email="",
        show_name=False,
        anonymised_at=timezone.now(),
    )
