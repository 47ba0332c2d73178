from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from shops.models import Shop, ShopBankAccount


class BankAccountSerializer(serializers.ModelSerializer):
    bank_bin = serializers.CharField(source="bank.bin")
    bank_name = serializers.CharField(source="bank.short_name")

    class Meta:
        model = ShopBankAccount
        fields = ["bank_bin", "bank_name", "account_number", "account_name"]


class PublicShopSerializer(serializers.ModelSerializer):
    """A listed shop as the public sees it (the approved version); the owner's own phone is never here."""

    name = serializers.CharField(source="live.name")
    business_type = serializers.CharField(source="live.business_type.slug")
    business_type_name = serializers.CharField(source="live.business_type.name")
    address = serializers.CharField(source="live.address")
    ward_code = serializers.IntegerField(source="live.ward_id")
    ward_name = serializers.CharField(source="live.ward.name")
    opening_hours = serializers.CharField(source="live.opening_hours")
    description = serializers.CharField(source="live.description")
    phone = serializers.CharField(source="live.public_phone", help_text="Empty unless the owner published one.")
    payment_methods = serializers.ListField(source="live.payment_methods", child=serializers.CharField())
    bank_accounts = BankAccountSerializer(source="live.bank_accounts", many=True)
    photos = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    certificate_url = serializers.SerializerMethodField()
    distance_m = serializers.SerializerMethodField()

    class Meta:
        model = Shop
        fields = [
            "code",
            "name",
            "business_type",
            "business_type_name",
            "address",
            "ward_code",
            "ward_name",
            "latitude",
            "longitude",
            "opening_hours",
            "description",
            "phone",
            "payment_methods",
            "bank_accounts",
            "photos",
            "url",
            "certificate_url",
            "certificate_number",
            "distance_m",
        ]

    def get_photos(self, shop) -> list[str]:
        return [reverse("shops:photo", args=[photo.public_id]) for photo in shop.live.photos.all()]

    def get_url(self, shop) -> str:
        return shop.get_absolute_url()

    def get_certificate_url(self, shop) -> str:
        return reverse("shops:certificate", args=[shop.code])

    def get_distance_m(self, shop) -> int | None:
        distance = self.context.get("distances", {}).get(shop.pk)
        return None if distance is None else round(distance)


class PaymentCodeSerializer(serializers.Serializer):
    bank_bin = serializers.CharField(source="account.bank.bin")
    account_number = serializers.CharField(source="account.account_number")
    account_name = serializers.CharField(source="account.account_name")
    amount = serializers.IntegerField(allow_null=True)
    payload = serializers.CharField(help_text="The VietQR (EMVCo) payload; checked to parse back to itself.")


class WardFiguresSerializer(serializers.Serializer):
    ward_code = serializers.IntegerField()
    ward_name = serializers.CharField()
    shops = serializers.IntegerField()
    bank = serializers.IntegerField()
    zalopay = serializers.IntegerField()
    momo = serializers.IntegerField()
    vnpay = serializers.IntegerField()
    card = serializers.IntegerField()
