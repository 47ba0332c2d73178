"""Reads shared by the citizen pages, the API and Open311."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from citizen_portal.text import fold_vietnamese
from reports.models import Report, ReportHistory, ReportPhoto
from reports.workflow import OPEN_STATUSES


def with_photos(reports: QuerySet) -> QuerySet:
    return reports.prefetch_related(Prefetch("photos", queryset=ReportPhoto.objects.order_by("created_at", "id")))


def public_reports(*, group: str | None = None, ward=None, status: str | None = None, query: str = "") -> QuerySet:
    reports = Report.objects.public().select_related("category__parent", "ward", "agency", "duplicate_of")
    for word in fold_vietnamese(query).split():
        reports = reports.filter(search_text__contains=word)  # "cay do" finds "Cây đổ"
    if group:
        reports = reports.filter(category__parent__slug=group)
    if ward:
        reports = reports.filter(ward=ward)
    if status == "open":
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif status == "closed":
        reports = reports.exclude(status__in=OPEN_STATUSES)
    return with_photos(reports).order_by("-received_at", "-id")


# A public list is read page by page from a position, never counted: at a province's size an exact COUNT(*) and a
# deep OFFSET each cost a scan of the whole table, while "older than this report" is one index range.
CURSOR = re.compile(r"^(\d{1,20})-(\d{1,20})$")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass
class FeedPage:
    items: list[Report]
    older: str | None  # cursor of the next page (older reports), None on the last page
    newer: str | None  # cursor of the previous page (newer reports); "" means the first page; None: this is it


def feed_cursor(report: Report) -> str:
    """The report's position in the newest-first order, as it appears in a link: microseconds since 1970 and id."""
    return f"{(report.received_at - EPOCH) // dt.timedelta(microseconds=1)}-{report.pk}"


def cursor_position(cursor: str) -> tuple[dt.datetime, int] | None:
    match = CURSOR.match(cursor or "")
    if not match:
        return None
    try:
        return EPOCH + dt.timedelta(microseconds=int(match[1])), int(match[2])
    except OverflowError:
        return None


def feed_page(reports: QuerySet, *, older_than: str = "", newer_than: str = "", size: int = 20) -> FeedPage:
    """One page of `reports` (newest first) after a cursor. A cursor that cannot be read means the first page.
    The range starts in the index (received_at) and ties on the same moment are broken by id."""
    newer = cursor_position(newer_than) if not older_than else None
    older = cursor_position(older_than)
    if newer:
        at, pk = newer
        window = reports.filter(Q(received_at__gt=at) | Q(received_at=at, pk__gt=pk), received_at__gte=at)
        rows = list(window.order_by("received_at", "id")[: size + 1])
        more_newer = len(rows) > size
        items = rows[:size][::-1]
        return FeedPage(
            items=items,
            older=feed_cursor(items[-1]) if items else None,
            newer=feed_cursor(items[0]) if more_newer else None,
        )
    if older:
        at, pk = older
        reports = reports.filter(Q(received_at__lt=at) | Q(received_at=at, pk__lt=pk), received_at__lte=at)
    rows = list(reports.order_by("-received_at", "-id")[: size + 1])
    items = rows[:size]
    return FeedPage(
        items=items,
        older=feed_cursor(items[-1]) if len(rows) > size else None,
        newer=feed_cursor(items[0]) if older and items else ("" if older else None),
    )


def report_for_viewer(user, code: str) -> Report | None:
    """A submitted report as `user` may see it: public ones for everyone; others for their reporter and the
    handling agency's officers."""
    report = (
        with_photos(Report.objects.submitted().select_related("category__parent", "ward", "agency", "duplicate_of"))
        .filter(code=code)
        .first()
    )
    if report is None:
        return None
    if report.category.publicly_visible:
        return report
    if user.is_authenticated and (
        report.reporter_id == user.pk or Report.objects.for_user(user).filter(pk=report.pk).exists()
    ):
        return report
    return None


def timeline_for(report: Report) -> list[ReportHistory]:
    """The public history: status changes and their public texts; internal notes, transfers and escalations stay
    in the back office."""
    return [entry for entry in report.history.all() if entry.from_status != entry.to_status or entry.public_text]


def personal_data(user) -> list[dict]:
    """The citizen's reports for "Dữ liệu của tôi": what they sent, where, and every public step since."""
    from citizen_portal.personal_data import local

    reports = (
        Report.objects.for_reporter(user)
        .select_related("category", "ward")
        .prefetch_related("photos", "history")
        .order_by("-created_at")
    )
    return [
        {
            "ma_phan_anh": r.code,
            "loai": r.category.name,
            "noi_dung": r.description,
            "dia_chi": r.address,
            "xa_phuong": r.ward.name if r.ward else None,
            "vi_tri": [float(r.latitude), float(r.longitude)] if r.latitude is not None else None,
            "hien_ten": r.show_name,
            "trang_thai": r.get_status_display(),
            "tao_luc": local(r.created_at),
            "so_anh": len(r.photos.all()),
            "qua_trinh": [
                {"trang_thai": h.get_to_status_display(), "luc": local(h.at), "noi_dung": h.public_text}
                for h in timeline_for(r)
            ],
        }
        for r in reports
    ]
