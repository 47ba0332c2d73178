import django_filters

from agencies.models import Agency, AgencyKind, Ward
from citizen_portal.text import fold_vietnamese


def filter_folded_text(queryset, name, value):
    """Every word of the query, without diacritics, must appear: "hung dien" finds "Xã Hưng Điền"."""
    for word in fold_vietnamese(value).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


class WardFilter(django_filters.FilterSet):
    province = django_filters.NumberFilter(field_name="province_id", label="Mã tỉnh")
    q = django_filters.CharFilter(method=filter_folded_text, label="Tìm theo tên (có hoặc không dấu)")

    class Meta:
        model = Ward
        fields = ["province", "q", "division_type"]


class AgencyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices, label="Loại cơ quan")
    province = django_filters.NumberFilter(field_name="province_id", label="Mã tỉnh")
    ward = django_filters.NumberFilter(field_name="ward_id", label="Mã phường, xã")
    q = django_filters.CharFilter(method=filter_folded_text, label="Tìm theo tên (có hoặc không dấu)")

    class Meta:
        model = Agency
        fields = ["kind", "province", "ward", "q"]
