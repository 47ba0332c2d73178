"""The one way to demand an identity level: `requires_level(2)` on a view, `RequiresLevel2` on an API view."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from rest_framework.permissions import BasePermission

from identity.models import IdentityLevel

LEVEL_REASON = {
    IdentityLevel.BASIC: "Việc này cần biết bạn là ai: vui lòng đăng nhập bằng Zalo.",
    IdentityLevel.VERIFIED: (
        "Nộp hồ sơ, nhận kết quả và biên lai điện tử cần xác thực danh tính mức 2 (qua nền tảng định danh của "
        "tỉnh hoặc VNeID), theo quy định về dịch vụ công trực tuyến. Bạn chỉ cần làm một lần; xong sẽ quay lại "
        "đúng trang này."
    ),
}


def requires_level(level: int):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.current_identity_level() < level:
                from identity.views import level2_providers

                context = {
                    "reason": LEVEL_REASON.get(level, ""),
                    "next": request.get_full_path(),
                    "providers": level2_providers(request),
                    "expired": request.user.identity_level >= level,
                }
                return render(request, "identity/level_required.html", context, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class RequiresLevel2(BasePermission):
    code = "identity_level_required"
    message = LEVEL_REASON[IdentityLevel.VERIFIED]

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.current_identity_level() >= IdentityLevel.VERIFIED)
