"""The back office for 4.0 shops, scoped to the agencies that verify them (a ward's People's Committee for its
ward): the queue with what waits for a decision first, one workspace page per shop, and the business types."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from citizen_portal.admin import CappedPaginator, FoldedSearchMixin
from citizen_portal.backoffice import CaseWorkspaceAdmin
from shops.backoffice import ACTIONS_BY_KEY, workspace_context
from shops.models import BusinessType, Shop
from shops.workflow import ChangeStatus, ShopStatus


class QueueFilter(admin.SimpleListFilter):
    title = "việc cần làm"
    parameter_name = "hang"

    def lookups(self, request, model_admin):
        return [("dang-ky", "Đăng ký mới chờ xác nhận"), ("thay-doi", "Thay đổi chờ xác nhận")]

    def queryset(self, request, queryset):
        match self.value():
            case "dang-ky":
                return queryset.filter(status=ShopStatus.SUBMITTED)
            case "thay-doi":
                return queryset.filter(change_status=ChangeStatus.SUBMITTED)
        return queryset


@admin.register(Shop)
class ShopAdmin(CaseWorkspaceAdmin, FoldedSearchMixin, admin.ModelAdmin):
    actions_registry = ACTIONS_BY_KEY
    workspace_template = "admin/shops/shop/workspace.html"
    status_word = "Cửa hàng"
    list_display = ("code", "shop_name", "ward_name", "submitted", "status", "change")
    list_display_links = ("code",)
    list_filter = (QueueFilter, "status", "business_type", "accepts_bank", "accepts_card")
    list_select_related = ("live", "working", "live__ward", "working__ward")
    list_per_page = 50
    paginator = CappedPaginator
    show_full_result_count = False
    actions = None

    def get_queryset(self, request):
        waiting = Case(
            When(status=ShopStatus.SUBMITTED, then=Value(0)),
            When(change_status=ChangeStatus.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return Shop.objects.for_user(request.user).annotate(_waiting=waiting)

    def get_ordering(self, request):
        return ("_waiting", "submitted_at", "id")  # what waits longest on top

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Cửa hàng 4.0", **(extra_context or {})})

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="tên cửa hàng")
    def shop_name(self, obj):
        version = obj.working if obj.under_review and obj.working_id else (obj.live or obj.working)
        return version.name if version else "—"

    @admin.display(description="xã, phường")
    def ward_name(self, obj):
        version = obj.live or obj.working
        return version.ward.name if version else "—"

    @admin.display(description="thay đổi")
    def change(self, obj):
        return obj.get_change_status_display() if obj.change_status else "—"

    @admin.display(description="gửi lúc", ordering="submitted_at")
    def submitted(self, obj):
        return timezone.localtime(obj.submitted_at).strftime("%d/%m/%Y %H:%M") if obj.submitted_at else "—"

    def case_queryset(self, request):
        return self.get_queryset(request).select_related(
            "agency", "live__business_type", "live__ward", "working__business_type", "working__ward"
        )

    def workspace_context(self, case, user) -> dict:
        return workspace_context(case, user)


@admin.register(BusinessType)
class BusinessTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "icon", "slug", "order", "is_active")
    list_editable = ("order", "is_active")
    prepopulated_fields = {"slug": ("name",)}
