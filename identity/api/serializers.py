from rest_framework import serializers

from identity.models import User


class MeSerializer(serializers.ModelSerializer):
    identity_level = serializers.IntegerField(source="current_identity_level", read_only=True)
    consent_required = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["public_id", "full_name", "phone", "identity_level", "consent_required"]
        read_only_fields = fields

    def get_consent_required(self, user) -> str | None:
        """The version of the personal-data notice this citizen still has to agree to, if any."""
        from identity.services import consent_missing

        notice = consent_missing(user)
        return notice.version if notice else None


class ZaloLoginInput(serializers.Serializer):
    access_token = serializers.CharField(max_length=2000)


class ZaloPhoneInput(serializers.Serializer):
    access_token = serializers.CharField(max_length=2000)
    phone_token = serializers.CharField(max_length=2000)


class ConsentInput(serializers.Serializer):
    version = serializers.CharField(max_length=20)


class ZaloLocationInput(serializers.Serializer):
    access_token = serializers.CharField(max_length=2000)
    location_token = serializers.CharField(max_length=2000)


class DeleteAccountInput(serializers.Serializer):
    confirm = serializers.CharField(max_length=20, help_text='the word "XOA" typed by the citizen')
