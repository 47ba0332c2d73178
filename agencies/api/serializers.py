from rest_framework import serializers

from agencies.models import Agency, Province, Ward


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name", "division_type", "codename", "phone_code"]


class WardSerializer(serializers.ModelSerializer):
    province_code = serializers.IntegerField(source="province_id", read_only=True)

    class Meta:
        model = Ward
        fields = ["code", "name", "division_type", "codename", "province_code"]


class AgencySerializer(serializers.ModelSerializer):
    ward = WardSerializer(read_only=True)
    province_code = serializers.IntegerField(source="province_id", read_only=True)
    parent_identifier = serializers.CharField(source="parent.identifier", read_only=True, default=None)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Agency
        fields = [
            "identifier",
            "name",
            "kind",
            "kind_display",
            "province_code",
            "ward",
            "parent_identifier",
            "address",
            "phone",
            "email",
        ]
