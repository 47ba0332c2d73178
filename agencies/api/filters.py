import django_filters

from agencies.models import Agency, AgencyKind, Ward
from citizen_portal.text import fold_vietnamese


def code_filter(field_name: str, label: str) -> django_filters.NumberFilter:
    """An administrative code: a whole number the database can hold (a 30-digit one is a 400, not a 500)."""
    return django_filters.NumberFilter(field_name=field_name, label=label, min_value=0, max_value=2**31 - 1)


def filter_folded_text(queryset, name, value):
    """Every word of the query, without diacritics, must appear: "hung dien" finds "Xã Hưng Điền"."""
    for word in fold_vietnamese(value).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


class WardFilter(django_filters.FilterSet):
    province = code_filter("province_id", "Mã tỉnh")
    q = django_filters.CharFilter(method=filter_folded_text, label="Tìm theo tên (có hoặc không dấu)")

    class Meta:
        model = Ward
        fields = ["province", "q", "division_type"]


class AgencyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices, label="Loại cơ quan")
    province = code_filter("province_id", "Mã tỉnh")
    ward = code_filter("ward_id", "Mã phường, xã")
    q = django_filters.CharFilter(method=filter_folded_text, label="Tìm theo tên (có hoặc không dấu)")

    class Meta:
        model = Agency
        fields = ["kind", "province", "ward", "q"]
