"""Reads shared by the citizen pages, the API and Open311."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

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
