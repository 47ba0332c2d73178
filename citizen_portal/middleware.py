"""Response headers every page needs, set in one place."""

from django.utils.cache import patch_cache_control, patch_vary_headers


class PrivateCacheMiddleware:
    """A page or API answer made for a signed-in person (or an API token) is theirs alone: no shared cache, no
    browser back-button copy on a shared phone. Public pages keep whatever caching their view chose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        personal = request.META.get("HTTP_AUTHORIZATION") or (
            hasattr(request, "user") and request.user.is_authenticated
        )
        if personal and not request.path.startswith("/static/"):
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie", "Authorization"])
        return response


class InputHygieneMiddleware:
    """Text nobody can store or send (a NUL character, a lone surrogate) is refused at the door with a 400: in the
    API's error format for API and Open311 callers, as the Vietnamese 400 page for people. Without it, the first
    database query holding it fails with a 500."""

    API_PREFIXES = ("/api/", "/open311/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._hostile(request):
            return self._refuse(request)
        return self.get_response(request)

    def _hostile(self, request) -> bool:
        from citizen_portal.api.parsers import check_text

        values = [request.path, *request.GET.keys(), *[v for key in request.GET for v in request.GET.getlist(key)]]
        if request.content_type == "application/x-www-form-urlencoded" and request.method == "POST":
            values += [*request.POST.keys(), *[v for key in request.POST for v in request.POST.getlist(key)]]
        try:
            for value in values:
                check_text(value)
        except ValueError:
            return True
        return False

    def _refuse(self, request):
        from django.http import JsonResponse
        from django.shortcuts import render

        from citizen_portal.api.exceptions import error_body

        detail = "Dữ liệu gửi lên có ký tự không hợp lệ (ký tự rỗng hoặc mã hoá hỏng)."
        if request.path.startswith(self.API_PREFIXES):
            return JsonResponse(
                error_body(code="invalid_characters", detail=detail, title="Dữ liệu không hợp lệ"), status=400
            )
        return render(request, "400.html", {"detail": detail}, status=400)
