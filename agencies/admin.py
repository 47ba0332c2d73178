from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from agencies.models import Agency, CalendarException, OfficerMembership, Province, Ward
from agencies.services import officer_membership_grant, officer_membership_revoke
from agencies.working_time import national_calendar
from citizen_portal.admin import FoldedSearchMixin


@admin.register(Province)
class ProvinceAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "code", "division_type", "phone_code")
    readonly_fields = ("code", "name", "division_type", "codename", "phone_code")

    def has_add_permission(self, request) -> bool:
        return False  # loaded from the official list by `load_geography`


@admin.register(Ward)
class WardAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "code", "division_type", "province")
    list_filter = ("division_type", "province")
    list_select_related = ("province",)
    readonly_fields = ("code", "name", "division_type", "codename", "province")
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False


class OfficerMembershipInline(admin.TabularInline):
    model = OfficerMembership
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "identifier", "kind", "ward", "province", "is_active")
    list_filter = ("kind", "is_active")
    list_select_related = ("ward", "province")
    autocomplete_fields = ("ward", "parent")
    inlines = [OfficerMembershipInline]
    show_full_result_count = False

    def get_queryset(self, request):
        return Agency.objects.for_user(request.user).select_related("ward", "province")

    def save_formset(self, request, form, formset, change) -> None:
        # Memberships go through the service so groups and staff access follow.
        if formset.model is not OfficerMembership:
            return super().save_formset(request, form, formset, change)
        if not (request.user.is_superuser or Agency.objects.headed_by(request.user).filter(pk=form.instance.pk)):
            if formset.has_changed():
                raise PermissionDenied
            return None
        formset.save(commit=False)  # fills deleted_objects; nothing is written here
        for deleted in formset.deleted_objects:
            officer_membership_revoke(membership=deleted)
        for membership_form in formset.forms:
            if membership_form in formset.deleted_forms or not membership_form.has_changed():
                continue
            data = membership_form.cleaned_data
            if data.get("user"):
                officer_membership_grant(agency=form.instance, user=data["user"], role=data["role"])
        return None


@admin.register(OfficerMembership)
class OfficerMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "created_at")
    list_filter = ("role",)
    list_select_related = ("user", "agency")
    autocomplete_fields = ("user", "agency")
    search_fields = ("user__username", "user__full_name", "agency__name")

    def get_queryset(self, request):
        return OfficerMembership.objects.for_user(request.user).select_related("user", "agency")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = Agency.objects.headed_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _may_manage(self, request, obj) -> bool:
        return obj is None or Agency.objects.headed_by(request.user).filter(pk=obj.agency_id).exists()

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._may_manage(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._may_manage(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if change and {"agency", "user"} & set(form.changed_data):
            officer_membership_revoke(membership=OfficerMembership.objects.get(pk=obj.pk))
        membership = officer_membership_grant(agency=obj.agency, user=obj.user, role=obj.role)
        obj.pk, obj.created_at = membership.pk, membership.created_at

    def delete_model(self, request, obj) -> None:
        officer_membership_revoke(membership=obj)

    def delete_queryset(self, request, queryset) -> None:
        for membership in queryset.select_related("user"):
            officer_membership_revoke(membership=membership)


@admin.register(CalendarException)
class CalendarExceptionAdmin(admin.ModelAdmin):
    """The province's own days; the national days already counted are listed under them for reference."""

    list_display = ("date", "kind", "reason")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("reason",)

    def changelist_view(self, request, extra_context=None):
        this_year = timezone.localdate().year
        extra_context = {
            **(extra_context or {}),
            "national_years": [(year, national_calendar(year)) for year in (this_year, this_year + 1)],
        }
        return super().changelist_view(request, extra_context)
