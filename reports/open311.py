"""Open311 GeoReport v2 at /open311/v2/, in JSON and XML exactly as the specification writes them
(http://wiki.open311.org/GeoReport_v2): URLs end in .json/.xml, lists everywhere, errors as a list of
{code, description}. Only public categories and public fields are exposed; POST needs an API key from the admin."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from xml.etree import ElementTree

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.ratelimit import client_ip, hit
from reports.models import Category, Open311Client, Report, Source
from reports.services import report_draft_create, report_submit
from reports.workflow import OPEN_STATUSES

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-22T00:00:00+07:00"
DEFAULT_DAYS = 90  # the specification's default window when no date is given
# The specification lets a server cap a list at 1,000; we answer in pages (`page`, `page_size`, as FixMyStreet,
# SeeClickFix and Chicago's endpoints do) so one call stays small and fast, with a Link header to the next page.
PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
# Deeper than this, a page costs a long walk through the index: a client that wants more narrows the window by date.
MAX_OFFSET = 50_000


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        self.status, self.description = status, description


# Rendering: one structure, two formats. Lists of dicts become repeated elements named after the list's item.


# XML 1.0 cannot carry most control characters: one of them in a citizen's text would make the whole feed
# unparseable, so they are dropped from XML (JSON escapes them and keeps them).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value) -> str:
    return XML_FORBIDDEN.sub("", str(value))


def _xml_value(parent: ElementTree.Element, name: str, value) -> None:
    element = ElementTree.SubElement(parent, name)
    if isinstance(value, list):
        item_name = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value"}[name]
        for item in value:
            if isinstance(item, dict):
                child = ElementTree.SubElement(element, item_name)
                for key, inner in item.items():
                    _xml_value(child, key, inner)
            else:
                ElementTree.SubElement(element, item_name).text = _xml_text(item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = _xml_text(value)


def _render(fmt: str, data, root: str, item: str | None, status: int = 200) -> HttpResponse:
    if fmt == "json":
        return HttpResponse(
            json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8", status=status
        )
    top = ElementTree.Element(root)
    if item is None:  # a single object (discovery, service_definition)
        for key, value in data.items():
            _xml_value(top, key, value)
    else:
        for entry in data:
            element = ElementTree.SubElement(top, item)
            for key, value in entry.items():
                _xml_value(element, key, value)
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(
        top, encoding="utf-8", xml_declaration=False
    )
    return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)


def _error(fmt: str, status: int, description: str) -> HttpResponse:
    return _render(fmt, [{"code": status, "description": description}], "errors", "error", status=status)


def open311_view(handler):
    """Common checks: the jurisdiction (our province code) and errors in the spec's format."""

    def view(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
        jurisdiction = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
        if jurisdiction and jurisdiction != str(settings.HOME_PROVINCE_CODE):
            return _error(fmt, 404, f"jurisdiction_id {jurisdiction} not found")
        try:
            return handler(request, fmt, **kwargs)
        except Open311Error as error:
            return _error(fmt, error.status, error.description)

    view.__name__ = handler.__name__
    return csrf_exempt(view)


def _iso(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _public_categories():
    return Category.objects.reportable().filter(is_public=True, parent__is_public=True).select_related("parent")


# Endpoints.


@require_http_methods(["GET"])
@open311_view
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:discovery", args=["json"])).rsplit("/", 1)[0] + "/"
    data = {
        "changeset": CHANGESET,
        "contact": f"{settings.PORTAL_NAME} — {settings.DEFAULT_FROM_EMAIL}",
        "key_service": "Khóa API do quản trị hệ thống cấp (trang quản trị → Khóa Open311).",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return _render(fmt, data, "discovery", None)


def _service(category: Category) -> dict:
    return {
        "service_code": category.slug,
        "service_name": category.name,
        "description": category.description or f"{category.name} (hạn xử lý {category.deadline_text})",
        "metadata": False,
        "type": "realtime",
        "keywords": ",".join(word for word in re.split(r"[^a-z0-9]+", category.search_text) if word),
        "group": category.parent.name,
    }


@require_http_methods(["GET"])
@open311_view
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    return _render(fmt, [_service(c) for c in _public_categories()], "services", "service")


@require_http_methods(["GET"])
@open311_view
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    if not _public_categories().filter(slug=service_code).exists():
        raise Open311Error(404, f"service_code {service_code} not found")
    # No extra attributes (metadata is false): the definition lists none.
    return _render(fmt, {"service_code": service_code, "attributes": []}, "service_definition", None)


def _request_data(report: Report, photo_base: str) -> dict:
    """One request as the specification names its fields. `photo_base` is the absolute address of a photo with
    the zero UUID, built once per answer rather than once per item."""
    location = report.public_location()
    first = next(iter(report.photos.all()), None)
    return {
        "service_request_id": report.code,
        "status": "open" if report.status in OPEN_STATUSES else "closed",
        "status_notes": report.public_answer or report.get_status_display(),
        "service_name": report.category.name,
        "service_code": report.category.slug,
        "description": report.description,
        "agency_responsible": report.agency.name if report.agency_id else "",
        "service_notice": "",
        "requested_datetime": _iso(report.received_at),
        "updated_datetime": _iso(report.updated_at),
        "expected_datetime": _iso(report.deadline_at),
        "address": ", ".join(filter(None, [report.address, report.ward.name if report.ward_id else ""])),
        "address_id": "",
        "zipcode": "",
        "lat": location[0] if location else None,
        "long": location[1] if location else None,
        "media_url": photo_base.replace(str(uuid.UUID(int=0)), str(first.public_id)) if first else "",
    }


def _public_reports():
    return (
        Report.objects.public()
        .select_related("category__parent", "agency", "ward")
        .prefetch_related("photos")
        .order_by("-received_at", "-id")  # ties broken, so pages never repeat or skip a request
    )


def _parse_date(value: str, name: str) -> dt.datetime:
    try:  # "+" arrives as a space in query strings; year 0 or month 13 are not dates either
        parsed = parse_datetime(value.replace(" ", "+")) if value else None
        if parsed is not None and not timezone.is_aware(parsed):
            parsed = timezone.make_aware(parsed)
        if parsed is not None:
            parsed.astimezone(dt.UTC)  # the database compares in UTC: 9999-12-31 at -23:59 does not exist there
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None:
        raise Open311Error(400, f"{name} must be a w3 datetime, e.g. 2026-11-22T08:00:00+07:00")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _positive(params, name: str, default: int, maximum: int) -> int:
    value = params.get(name, "")
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise Open311Error(400, f"{name} must be a whole number from 1")
    return min(int(value), maximum)


def _list_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    reports = _public_reports()
    params = request.GET
    page = _positive(params, "page", 1, 10_000)
    page_size = _positive(params, "page_size", PAGE_SIZE, MAX_PAGE_SIZE)
    if params.get("service_request_id"):
        codes = [code.strip() for code in params["service_request_id"].split(",") if code.strip()]
        reports = reports.filter(code__in=codes)  # the spec: other parameters are ignored
    else:
        if params.get("service_code"):
            reports = reports.filter(category__slug__in=params["service_code"].split(","))
        start = _parse_date(params["start_date"], "start_date") if params.get("start_date") else None
        end = _parse_date(params["end_date"], "end_date") if params.get("end_date") else None
        if start is None and end is None:
            start = timezone.now() - dt.timedelta(days=DEFAULT_DAYS)
        if start:
            reports = reports.filter(received_at__gte=start)
        if end:
            reports = reports.filter(received_at__lte=end)
        statuses = {s.strip() for s in params.get("status", "").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, "status must be open, closed or both")
        if statuses == {"open"}:
            reports = reports.filter(status__in=OPEN_STATUSES)
        elif statuses == {"closed"}:
            reports = reports.exclude(status__in=OPEN_STATUSES)
    start = (page - 1) * page_size
    if start > MAX_OFFSET:
        raise Open311Error(400, f"page is too deep (more than {MAX_OFFSET} requests in): narrow start_date/end_date")
    rows = list(reports[start : start + page_size + 1])
    photo_base = request.build_absolute_uri(reverse("reports:photo", args=[uuid.UUID(int=0)]))
    data = [_request_data(r, photo_base) for r in rows[:page_size]]
    response = _render(fmt, data, "service_requests", "request")
    if len(rows) > page_size:
        following = params.copy()
        following["page"] = str(page + 1)
        response["Link"] = f'<{request.build_absolute_uri(request.path)}?{following.urlencode()}>; rel="next"'
    return response


def _create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    client = Open311Client.objects.by_key(data.get("api_key", ""))
    if client is None:
        raise Open311Error(403, "api_key is missing or not valid")
    if not hit("open311-key", str(client.pk), settings.REPORTS["SUBMISSIONS_PER_HOUR_IP"] * 10) or not hit(
        "report-ip", client_ip(request), settings.REPORTS["SUBMISSIONS_PER_HOUR_IP"]
    ):
        raise Open311Error(429, "too many requests, try again later")
    category = _public_categories().filter(slug=data.get("service_code", "")).first()
    if category is None:
        raise Open311Error(400, "service_code is missing or unknown")
    latitude, longitude = data.get("lat"), data.get("long")
    try:
        latitude = float(latitude) if latitude not in (None, "") else None
        longitude = float(longitude) if longitude not in (None, "") else None
    except ValueError as error:
        raise Open311Error(400, "lat and long must be decimal degrees") from error
    name = " ".join(filter(None, [data.get("last_name", "").strip(), data.get("first_name", "").strip()]))
    try:
        draft = report_draft_create(
            reporter=None,
            category=category,
            description=data.get("description", ""),
            latitude=latitude,
            longitude=longitude,
            address=data.get("address_string", ""),
            source=Source.OPEN311,
            contact_name=name[:150],
            contact_phone=data.get("phone", "")[:20],
            contact_email=data.get("email", "")[:254],
        )
        report = report_submit(report=draft, reporter=None)
    except ApplicationError as error:
        raise Open311Error(400, f"{error.get_codes()}: {error.detail}") from error
    body = [
        {"service_request_id": report.code, "service_notice": "", "account_id": None, "token": str(report.public_id)}
    ]
    return _render(fmt, body, "service_requests", "request", status=201)


@require_http_methods(["GET", "POST"])
@open311_view
def requests_(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create_request(request, fmt)
    return _list_requests(request, fmt)


@require_http_methods(["GET"])
@open311_view
def request_detail(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    report = _public_reports().filter(code=service_request_id).first()
    if report is None:
        raise Open311Error(404, f"service_request_id {service_request_id} not found")
    photo_base = request.build_absolute_uri(reverse("reports:photo", args=[uuid.UUID(int=0)]))
    return _render(fmt, [_request_data(report, photo_base)], "service_requests", "request")


@require_http_methods(["GET"])
@open311_view
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    report = Report.objects.public().filter(public_id=token).first() if _is_uuid(token) else None
    if report is None:
        raise Open311Error(404, f"token {token} not found")
    return _render(fmt, [{"service_request_id": report.code, "token": token}], "service_requests", "request")


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    return _error("xml" if request.path.endswith(".xml") else "json", 404, "no such Open311 endpoint")


FORMAT = r"\.(?P<fmt>json|xml)$"

app_name = "open311"
urlpatterns = [
    re_path(r"^discovery" + FORMAT, discovery, name="discovery"),
    re_path(r"^services" + FORMAT, services, name="services"),
    re_path(r"^services/(?P<service_code>[-\w]+)" + FORMAT, service_definition, name="service_definition"),
    re_path(r"^requests" + FORMAT, requests_, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[-\w]+)" + FORMAT, request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[-\w]+)" + FORMAT, token, name="token"),
    re_path(r"^(?P<path>.*)$", not_found),
]
