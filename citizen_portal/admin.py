"""Back-office site settings and admin helpers shared by every app."""

from django.contrib import admin

from citizen_portal.text import fold_vietnamese

admin.site.site_header = "Cổng Công dân — Quản trị"
admin.site.site_title = "Cổng Công dân"
admin.site.index_title = "Bộ phận một cửa và quản trị hệ thống"


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
