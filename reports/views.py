"""Citizen pages for field reports: the public feed, filing a report (form → duplicate check → sent), a report's
public page with the reporter's actions, "Phản ánh của tôi", and photos through a checked view."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.ratelimit import client_ip, hit
from identity.permissions import requires_level
from reports.forms import FeedFilterForm, RatingForm, ReportForm
from reports.models import Category, Report, ReportFollower, ReportPhoto
from reports.selectors import feed_page, public_reports, report_for_viewer, timeline_for
from reports.services import (
    open_reports_near,
    report_draft_create,
    report_draft_discard,
    report_draft_use_photo_location,
    report_follow,
    report_photo_discard,
    report_photos_stash,
    report_provide_info,
    report_rate,
    report_submit,
    report_unfollow,
    waiting_photos,
)
from reports.workflow import ReportStatus

S = ReportStatus


def feed(request: HttpRequest) -> HttpResponse:
    """Public reports with their answers; no names or phone numbers unless the reporter chose to show their name."""
    form = FeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    reports = public_reports(
        group=filters.get("group"), ward=filters.get("ward"), status=filters.get("status"), query=filters.get("q", "")
    )
    page = feed_page(reports, older_than=request.GET.get("truoc", ""), newer_than=request.GET.get("sau", ""))
    kept = request.GET.copy()  # the filters travel with the paging links
    for key in ("truoc", "sau", "trang"):
        kept.pop(key, None)
    return render(
        request,
        "reports/feed.html",
        {"form": form, "page": page, "filters": kept.urlencode(), "map_settings": settings.MAP},
    )


def map_points(request: HttpRequest) -> JsonResponse:
    """The filtered public reports as pins for the on-demand map (rounded coordinates, at most 500)."""
    form = FeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    reports = public_reports(
        group=filters.get("group"), ward=filters.get("ward"), status=filters.get("status"), query=filters.get("q", "")
    ).filter(latitude__isnull=False)[:500]
    points = []
    for report in reports:
        latitude, longitude = report.public_location()
        points.append(
            {
                "code": report.code,
                "title": report.category.name,
                "status": report.get_status_display(),
                "lat": latitude,
                "lon": longitude,
                "url": reverse("reports:detail", args=[report.code]),
            }
        )
    return JsonResponse(points, safe=False)


def submission_allowed(request: HttpRequest) -> bool:
    limits = settings.REPORTS
    by_user = hit("report-user", str(request.user.pk), limits["SUBMISSIONS_PER_HOUR_USER"])
    by_ip = hit("report-ip", client_ip(request), limits["SUBMISSIONS_PER_HOUR_IP"])
    return by_user and by_ip


def _photos_in_hand(request: HttpRequest) -> tuple[list[ReportPhoto], str]:
    """The photos this form carries: those already waiting (minus any the citizen took back), plus new files,
    stored now, before anything else is judged. Returns them and a message if a new file was refused."""
    kept = waiting_photos(request.user, request.POST.getlist("anh"))
    drop = request.POST.get("bo-anh")
    for photo in [p for p in kept if str(p.public_id) == drop]:
        report_photo_discard(photo=photo, reporter=request.user)
        kept.remove(photo)
    uploads = request.FILES.getlist("photos")
    if not uploads:
        return kept, ""
    try:
        kept += report_photos_stash(reporter=request.user, photos=uploads, already=len(kept))
    except ApplicationError as error:
        return kept, str(error.detail)
    return kept, ""


@requires_level(1)
def new(request: HttpRequest) -> HttpResponse:
    """The report form. Photos are kept from the first tap: a mistake anywhere on the form re-shows them (with
    "Bỏ ảnh này"), the error summary at the top links to each field, and nothing typed is lost."""
    last = Report.objects.for_reporter(request.user).exclude(ward=None).order_by("-created_at").first()
    form = ReportForm(request.POST or None, initial={"ward": last.ward_id if last else None})
    photos, photo_error = _photos_in_hand(request) if request.method == "POST" else ([], "")
    if request.headers.get("X-Upload"):  # a photo sent by the page's script the moment it was chosen
        html = render_to_string("reports/_photos.html", {"photos": photos}, request=request)
        return JsonResponse(
            {"detail": photo_error or f"Đã lưu {len(photos)} ảnh.", "html": html}, status=400 if photo_error else 200
        )
    finished = request.method == "POST" and request.POST.get("action") != "giu-anh"
    if finished and form.is_valid():
        data = form.cleaned_data
        if photo_error:
            form.add_error("photos", photo_error)
        elif not photos:
            form.add_error("photos", "Cần ít nhất một ảnh chụp sự việc: bấm “Chụp ảnh” hoặc chọn ảnh có sẵn.")
        elif not submission_allowed(request):
            form.add_error(None, "Bạn đã gửi nhiều phản ánh trong một giờ qua. Vui lòng thử lại sau ít phút.")
        else:
            try:
                draft = report_draft_create(
                    reporter=request.user,
                    category=Category.objects.reportable().get(pk=data["category"]),
                    description=data["description"],
                    kept_photos=photos,
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    address=data["address"],
                    ward=data["ward"],
                    show_name=data["show_name"],
                    phone_photo_location=(
                        (data["photo_latitude"], data["photo_longitude"])
                        if data["photo_latitude"] is not None and data["photo_longitude"] is not None
                        else None
                    ),
                )
            except Category.DoesNotExist:
                form.add_error("category", "Loại phản ánh không hợp lệ.")
            except ApplicationError as error:
                form.add_error("address" if error.get_codes() == "location_required" else None, str(error.detail))
            else:
                return redirect("reports:confirm", public_id=draft.public_id)
    elif finished:
        if photo_error:
            form.add_error("photos", photo_error)
        elif not photos:
            form.add_error("photos", "Cần ít nhất một ảnh chụp sự việc: bấm “Chụp ảnh” hoặc chọn ảnh có sẵn.")
    status = 400 if form.errors else 200
    context = {"form": form, "photos": photos, "map_settings": settings.MAP}
    return render(request, "reports/new.html", context, status=status)


def _own_draft(request: HttpRequest, public_id) -> Report:
    return get_object_or_404(
        Report.objects.for_reporter(request.user).filter(status=S.DRAFT).select_related("category__parent", "ward"),
        public_id=public_id,
    )


def _already_sent(request: HttpRequest, public_id) -> Report | None:
    """A second tap on "Gửi" (or the back button) finds the report already sent: show it, not an error."""
    return Report.objects.for_reporter(request.user).submitted().filter(public_id=public_id).first()


@requires_level(1)
def confirm(request: HttpRequest, public_id) -> HttpResponse:
    """The last step: where it is, and open reports like it close by, to follow instead of filing again."""
    sent = _already_sent(request, public_id)
    if sent is not None:
        return redirect("reports:detail", code=sent.code)
    draft = _own_draft(request, public_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "use-photo-location":
                report_draft_use_photo_location(report=draft, reporter=request.user)
                messages.success(request, "Đã dùng vị trí chụp ảnh làm vị trí sự việc.")
                return redirect("reports:confirm", public_id=draft.public_id)
            if action == "submit":
                report = report_submit(report=draft, reporter=request.user)
                return redirect(f"/phan-anh/{report.code}/?moi=1")
            if action == "me-too":
                existing = get_object_or_404(Report.objects.public().open(), code=request.POST.get("code", ""))
                report_follow(report=existing, user=request.user, me_too=True)
                report_draft_discard(report=draft, reporter=request.user)
                messages.success(request, f"Cảm ơn bạn. Bạn sẽ được báo khi phản ánh {existing.code} có trả lời.")
                return redirect("reports:detail", code=existing.code)
            if action == "discard":
                report_draft_discard(report=draft, reporter=request.user)
                messages.success(request, "Đã hủy phản ánh chưa gửi.")
                return redirect("reports:feed")
        except ApplicationError as error:
            messages.error(request, str(error.detail))
        return redirect("reports:confirm", public_id=draft.public_id)
    nearby = []
    if draft.has_location:
        nearby = open_reports_near(
            category=draft.category, latitude=float(draft.latitude), longitude=float(draft.longitude)
        )
    photo_differs = bool(draft.photo_location) and (
        not draft.has_location
        or abs(float(draft.latitude) - draft.photo_location["latitude"]) > 0.0005
        or abs(float(draft.longitude) - draft.photo_location["longitude"]) > 0.0005
    )
    context = {"draft": draft, "nearby": nearby, "photo_differs": photo_differs, "photos": draft.photos.all()}
    return render(request, "reports/confirm.html", context)


def detail(request: HttpRequest, code: str) -> HttpResponse:
    report = report_for_viewer(request.user, code)
    if report is None:
        raise Http404
    is_reporter = request.user.is_authenticated and report.reporter_id == request.user.pk
    following = (
        request.user.is_authenticated and ReportFollower.objects.filter(report=report, user=request.user).exists()
    )
    context = {
        "report": report,
        "is_reporter": is_reporter,
        "following": following,
        "timeline": timeline_for(report),
        "just_sent": request.GET.get("moi") == "1" and is_reporter,
        "rating_form": RatingForm() if is_reporter and report.rating_open_until() else None,
        "public_location": report.public_location(),
    }
    return render(request, "reports/detail.html", context)


@require_POST
@requires_level(1)
def follow(request: HttpRequest, code: str) -> HttpResponse:
    report = report_for_viewer(request.user, code)
    if report is None:
        raise Http404
    try:
        if request.POST.get("action") == "unfollow":
            report_unfollow(report=report, user=request.user)
            messages.success(request, "Đã bỏ theo dõi.")
        else:
            report_follow(report=report, user=request.user, me_too=request.POST.get("action") == "me-too")
            messages.success(request, "Bạn sẽ được báo khi phản ánh này có tin mới.")
    except ApplicationError as error:
        messages.error(request, str(error.detail))
    return redirect("reports:detail", code=report.code)


@require_POST
@requires_level(1)
def provide_info(request: HttpRequest, code: str) -> HttpResponse:
    report = get_object_or_404(Report.objects.for_reporter(request.user), code=code)
    try:
        report_provide_info(report=report, reporter=request.user, text=request.POST.get("text", ""))
        messages.success(request, "Đã gửi thông tin bổ sung. Cảm ơn bạn.")
    except ApplicationError as error:
        messages.error(request, str(error.detail))
    return redirect("reports:detail", code=report.code)


@require_POST
@requires_level(1)
def rate(request: HttpRequest, code: str) -> HttpResponse:
    report = get_object_or_404(Report.objects.for_reporter(request.user), code=code)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vui lòng chọn số sao.")
        return redirect("reports:detail", code=report.code)
    try:
        rated = report_rate(report=report, reporter=request.user, **form.cleaned_data)
        if rated.status == S.REOPEN_REQUESTED:
            messages.success(request, "Cảm ơn bạn. Cơ quan xử lý sẽ xem lại phản ánh và trả lời bạn.")
        else:
            messages.success(request, "Cảm ơn bạn đã đánh giá.")
    except ApplicationError as error:
        messages.error(request, str(error.detail))
    return redirect("reports:detail", code=report.code)


@requires_level(1)
def mine(request: HttpRequest) -> HttpResponse:
    own = Q(reporter=request.user) | Q(followers__user=request.user)
    reports = (
        Report.objects.submitted().filter(own).distinct().select_related("category").order_by("-received_at")[:100]
    )
    drafts = Report.objects.for_reporter(request.user).filter(status=S.DRAFT).select_related("category")
    return render(request, "reports/mine.html", {"reports": reports, "drafts": drafts})


def photo(request: HttpRequest, public_id, size: str = "") -> FileResponse:
    """Photos of public reports are public (their metadata is gone); the others only for the reporter and the
    handling agency's officers."""
    item = get_object_or_404(ReportPhoto.objects.select_related("report__category__parent"), public_id=public_id)
    report = item.report
    if report is None:  # still waiting for its report: only the citizen who took it
        if not (request.user.is_authenticated and item.uploaded_by_id == request.user.pk):
            raise Http404
        response = FileResponse((item.thumbnail if size == "nho" else item.image).open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, no-store"
        return response
    visible = (
        (report.status != S.DRAFT and report.category.publicly_visible)
        or (request.user.is_authenticated and report.reporter_id == request.user.pk)
        or Report.objects.for_user(request.user).filter(pk=report.pk).exists()
    )
    if not visible:
        raise Http404
    field = item.thumbnail if size == "nho" else item.image
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    public = report.status != S.DRAFT and report.category.publicly_visible
    response["Cache-Control"] = "public, max-age=86400" if public else "private, max-age=3600"
    return response
