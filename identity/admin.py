from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from identity.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "phone", "identity_level", "is_staff", "is_active")
    list_filter = ("identity_level", "is_staff", "is_superuser", "is_active")
    search_fields = ("username", "full_name", "phone", "email")
    readonly_fields = ("public_id", "last_login", "date_joined")
    show_full_result_count = False
    fieldsets = (
        (None, {"fields": ("username", "password", "public_id")}),
        ("Thông tin cá nhân", {"fields": ("full_name", "first_name", "last_name", "email", "phone", "identity_level")}),
        ("Quyền", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Thời gian", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "phone", "password1", "password2")}),
    )


def admin_login_via_allauth(request, extra_context=None):
    """The back office signs in through allauth, so officers get TOTP and the lockout like every other login."""
    if request.user.is_authenticated:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return redirect(request.GET.get("next") or reverse("admin:index"))
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), login_url=reverse("account_login"))


admin.site.login = admin_login_via_allauth
