from rest_framework import serializers

from identity.models import User


class MeSerializer(serializers.ModelSerializer):
    identity_level_display = serializers.CharField(source="get_identity_level_display", read_only=True)

    class Meta:
        model = User
        fields = ["public_id", "full_name", "phone", "identity_level", "identity_level_display"]
        read_only_fields = fields
