"""Citizen shell pages (home, placeholders) and the health check."""

from django.db import DatabaseError, connections
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from citizen_portal.utilities import UTILITIES, UTILITIES_BY_SLUG


@require_safe  # GET and HEAD: uptime checks and link previews ask with HEAD
def home(request: HttpRequest) -> HttpResponse:
    context = {"utilities": UTILITIES}
    if request.user.is_authenticated:
        context["mine"] = my_things(request.user)
    return render(request, "home.html", context)


def my_things(user) -> dict:
    """What the signed-in citizen has with us, counted, for the home and account pages (three small queries)."""
    from dossiers.models import Dossier
    from reports.models import Report

    return {
        "dossiers": Dossier.objects.for_citizen(user).count(),
        "reports": Report.objects.for_reporter(user).submitted().count(),
    }


@require_safe
def utility_placeholder(request: HttpRequest, slug: str) -> HttpResponse:
    utility = UTILITIES_BY_SLUG.get(slug)
    if utility is None or utility.is_available:
        raise Http404
    return render(request, "utility_placeholder.html", {"utility": utility})


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and uptime checks: 200 only when every configured database answers."""
    checks: dict[str, str] = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            checks[f"database:{alias}"] = "ok"
        except DatabaseError as error:
            checks[f"database:{alias}"] = f"error: {error.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page left open too long (or after signing in elsewhere): said in plain words, with the
    way back, instead of Django's English "CSRF verification failed"."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return render(request, "403_csrf.html", {"back": back}, status=403)
