from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from identity.forms import DeskCitizenForm
from identity.models import CitizenProfile, ConsentNotice, IdentityEvent, User


class CitizenProfileInline(admin.StackedInline):
    model = CitizenProfile
    can_delete = False
    extra = 0
    readonly_fields = (
        "verified_full_name",
        "date_of_birth",
        "sex",
        "citizen_id",
        "address",
        "verified_by",
        "verified_at",
        "verified_until",
        "declared_birth_year",
        "avatar_url",
    )

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [CitizenProfileInline]
    change_list_template = "admin/identity/user/change_list.html"
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

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # the profile comes from Zalo/SSO, not the add form

    def get_queryset(self, request):
        """Heads manage their people, not the province's citizens: colleagues of their agencies, and citizens whose
        dossiers or reports their agencies handle. Searching any citizen by phone is the superuser's alone."""
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        from agencies.models import Agency
        from dossiers.models import Dossier
        from reports.models import Report

        agencies = Agency.objects.filter(memberships__user=request.user)
        colleagues = users.filter(memberships__agency__in=agencies).values("pk")
        citizens = Dossier.objects.for_user(request.user).values("citizen_id")
        reporters = Report.objects.for_user(request.user).values("reporter_id")
        return users.filter(models.Q(pk__in=colleagues) | models.Q(pk__in=citizens) | models.Q(pk__in=reporters))

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser  # officers use "Tạo công dân tại quầy" instead

    def get_urls(self):
        from django.urls import path

        return [
            path("tao-tai-quay/", self.admin_site.admin_view(self.create_at_desk), name="identity_user_create_at_desk")
        ] + super().get_urls()

    def create_at_desk(self, request):
        """An officer registers a citizen without Zalo; they sign in later with a code sent to their phone."""
        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.template.response import TemplateResponse

        from citizen_portal.api.exceptions import ApplicationError
        from identity.services import citizen_create_at_desk

        if not request.user.has_perm("identity.add_user"):
            raise PermissionDenied
        form = DeskCitizenForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                citizen = citizen_create_at_desk(
                    officer=request.user, full_name=form.cleaned_data["full_name"], phone=form.cleaned_data["phone"]
                )
            except (ApplicationError, ValidationError) as error:
                form.add_error("phone", str(getattr(error, "detail", None) or error.messages[0]))
            else:
                messages.success(
                    request,
                    f"Đã tạo tài khoản cho {citizen.full_name} ({citizen.phone}). Công dân đăng nhập bằng mã gửi về "
                    "số điện thoại này, tại mục Đăng nhập → Đăng nhập bằng mã.",
                )
                return redirect(reverse("admin:identity_user_create_at_desk"))
        context = {**self.admin_site.each_context(request), "form": form, "title": "Tạo tài khoản công dân tại quầy"}
        return TemplateResponse(request, "admin/identity/user/create_at_desk.html", context)

    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "phone", "password1", "password2")}),
    )


@admin.register(ConsentNotice)
class ConsentNoticeAdmin(admin.ModelAdmin):
    """Publishing a new version asks every citizen to agree again; published versions are never edited."""

    list_display = ("version", "title", "published_at")

    def get_readonly_fields(self, request, obj=None):
        return ("version", "title", "text", "published_at") if obj else ()


@admin.register(IdentityEvent)
class IdentityEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "user", "actor")
    list_filter = ("kind",)
    list_select_related = ("user", "actor")
    readonly_fields = ("created_at", "kind", "user", "actor", "detail")
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def admin_login_via_allauth(request, extra_context=None):
    """The back office signs in through allauth, so officers get TOTP and the lockout like every other login.
    `next` is followed only to our own pages: never an open redirect to somebody else's site."""
    target = request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return redirect(target)
    return redirect_to_login(target, login_url=reverse("account_login"))


admin.site.login = admin_login_via_allauth
