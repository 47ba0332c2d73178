"""Back-office site settings and admin helpers shared by every app."""

import datetime as dt

from django.contrib import admin
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property

from citizen_portal.text import fold_vietnamese
from citizen_portal.workspace import COUNT_CAP


class FoldedSearchMixin:
    """Admin search that ignores diacritics: "hung dien" finds "Xã Hưng Điền" through the row's `search_text`."""

    search_fields = ("search_text",)

    def get_search_results(self, request, queryset, search_term):
        folded = fold_vietnamese(search_term)
        if not folded:
            return queryset, False
        for word in folded.split(" "):
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False


class ReadOnlyTabularInline(admin.TabularInline):
    """History, attempts, files: shown in the back office, never added, edited or deleted there.
    Subclasses set `model` and `fields`; every field is read-only."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class CappedPaginator(Paginator):
    """Counts at most CAP + 1 rows: a queue of a million dossiers must not pay for COUNT(*) on every page. The
    pagination then says "hơn 1.000" instead of the exact figure."""

    CAP = COUNT_CAP

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


class ProvinceWardFilter(admin.SimpleListFilter):
    """The wards of the officer's own province (not all 3,321 of Vietnam), typed and picked from a list the
    browser searches as you type (a <datalist>)."""

    title = "phường, xã"
    parameter_name = "xa"
    template = "admin/filter_ward.html"
    ward_field = "ward"

    def __init__(self, request, params, model, model_admin):
        self.other_params = [(k, v) for k, v in request.GET.items() if k not in (self.parameter_name, "p")]
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        from django.conf import settings

        from agencies.models import Agency, Ward

        # One query: the wards of the provinces of the user's agencies (the home province for a superuser).
        self.provinces = (
            [settings.HOME_PROVINCE_CODE]
            if request.user.is_superuser
            else Agency.objects.handled_by(request.user).values("province_id")
        )
        self.wards = list(
            Ward.objects.filter(province__in=self.provinces).order_by("name").values_list("name", flat=True)
        )
        return [(name, name) for name in self.wards]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        from agencies.models import Ward

        wards = Ward.objects.filter(province__in=self.provinces, search_text=fold_vietnamese(self.value()))
        return queryset.filter(**{f"{self.ward_field}__in": wards})


class SubmittedSinceFilter(admin.SimpleListFilter):
    """A cheap date filter (Django's date hierarchy lists the distinct dates of the whole table first)."""

    title = "thời gian"
    parameter_name = "tu-ngay"
    date_field = "submitted_at"

    def lookups(self, request, model_admin):
        return [("hom-nay", "Hôm nay"), ("7-ngay", "7 ngày qua"), ("thang-nay", "Tháng này"), ("nam-nay", "Năm nay")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        start = {
            "hom-nay": today,
            "7-ngay": today - dt.timedelta(days=6),
            "thang-nay": today.replace(day=1),
            "nam-nay": today.replace(month=1, day=1),
        }.get(self.value())
        if start is None:
            return queryset
        moment = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
        return queryset.filter(**{f"{self.date_field}__gte": moment})
