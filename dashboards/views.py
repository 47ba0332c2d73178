"""The dashboards at /bang-dieu-khien/: one page per utility, the period and place picked in a plain form (works
without JavaScript), every table exportable as CSV or XLSX, and the dossiers behind a figure for those who may
open them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from citizen_portal.api.exceptions import ApplicationError
from dashboards.boards import BOARDS, Context
from dashboards.exports import board_csv, board_xlsx
from dashboards.periods import CUSTOM, period_choices, period_from
from dashboards.scope import can_open_records, narrowed, scope_for
from dashboards.selectors import RECORD_SETS, REPORT_RECORD_SETS, dossier_records, report_records

PICKS = ("ky", "tu", "den", "co-quan", "phuong")
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", board_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", board_xlsx),
}


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, {**admin.site.each_context(request), **context}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _refused(request, message: str) -> HttpResponse:
    return _page(request, "dashboards/refused.html", {"title": "Bảng số liệu", "message": message}, status=403)


def _setting(request):
    """(the user's whole scope, the scope picked, period, query, error) from the request; the error is a message in
    plain Vietnamese."""
    query = {key: request.GET[key] for key in PICKS if request.GET.get(key)}
    mine = scope_for(request.user)
    try:
        period = period_from({"ky": query.get("ky", ""), "tu": query.get("tu", ""), "den": query.get("den", "")})
        picked = narrowed(mine, agency=query.get("co-quan", ""), ward=query.get("phuong", ""))
    except ApplicationError as error:
        return mine, mine, None, query, error
    return mine, picked, period, query, None


def _picker(scope, period, query) -> dict:
    return {
        "periods": period_choices(),
        "custom": CUSTOM,
        "agencies": list(scope.agencies().order_by("name").values_list("pk", "name")),
        "wards": list(scope.wards().order_by("name").values_list("code", "name")),
        "query": query,
        "query_string": urlencode(query),
        "picked_agency": query.get("co-quan", ""),
        "picked_ward": query.get("phuong", ""),
        "period": period,
    }


@login_required(login_url="account_login")
def board(request: HttpRequest, slug: str = "ho-so") -> HttpResponse:
    if slug not in BOARDS:
        raise Http404
    mine, scope, period, query, error = _setting(request)
    if mine.is_empty:
        return _refused(request, "Tài khoản của bạn chưa được giao xem số liệu của cơ quan nào.")
    base = {"title": f"Bảng số liệu — {BOARDS[slug][0]}", "boards": BOARDS, "slug": slug, "query": query}
    export = request.GET.get("xuat", "")
    if error is None and export and export not in EXPORTS:
        error = ApplicationError("Chỉ tải về được CSV hoặc XLSX.", code="export_invalid")
    if error is not None:
        picker = _picker(mine, None, query)
        return _page(request, "dashboards/board.html", {**base, **picker, "error": error.detail}, status=400)
    context = Context(scope, period, timezone.now(), query, drill=can_open_records(request.user))
    content = BOARDS[slug][1](context)
    if export:
        content_type, write = EXPORTS[export]
        heading = [content.title, period.label, _place(scope)]
        response = HttpResponse(write(content, heading), content_type=content_type)
        name = f"so-lieu-{slug}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.{export}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
    return _page(
        request,
        "dashboards/board.html",
        {**base, **_picker(mine, period, query), "board": content, "place": _place(scope)},
    )


def _place(scope) -> str:
    if scope.agency_id is not None:
        return scope.agencies().filter(pk=scope.agency_id).values_list("name", flat=True).first() or ""
    if scope.ward_code is not None:
        return scope.wards().filter(code=scope.ward_code).values_list("name", flat=True).first() or ""
    return "Toàn tỉnh" if scope.everything else "Các cơ quan, phường, xã của bạn"


@login_required(login_url="account_login")
def records(request: HttpRequest) -> HttpResponse:
    """The dossiers or field reports behind a figure: officers and heads, their agencies' only."""
    mine, scope, period, query, error = _setting(request)
    if mine.is_empty:
        return _refused(request, "Tài khoản của bạn chưa được giao xem số liệu của cơ quan nào.")
    if not can_open_records(request.user):
        return _refused(
            request,
            "Danh sách hồ sơ chỉ dành cho cán bộ xử lý và lãnh đạo cơ quan. Bạn vẫn xem được các số liệu tổng hợp.",
        )
    which = request.GET.get("chi-so", "")
    if error is not None or (which not in RECORD_SETS and which not in REPORT_RECORD_SETS):
        message = error.detail if error is not None else "Không có danh sách này; hãy chọn lại từ bảng số liệu."
        return _page(request, "dashboards/records.html", {"title": "Danh sách hồ sơ", "error": message}, 400)
    if which in REPORT_RECORD_SETS:
        title, records = REPORT_RECORD_SETS[which], report_records(request.user, scope, period, which)
    else:
        title, records = RECORD_SETS[which][0], dossier_records(request.user, scope, period, which, now=timezone.now())
    page = Paginator(records, 50).get_page(request.GET.get("trang"))
    return _page(
        request,
        "dashboards/records.html",
        {
            "title": title,
            "reports": which in REPORT_RECORD_SETS,
            "page": page,
            "period": period,
            "place": _place(scope),
            "which": which,
            "query_string": urlencode({**query, "chi-so": which}),
            "board_query": urlencode(query),
        },
    )
