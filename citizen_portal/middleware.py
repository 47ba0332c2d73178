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
