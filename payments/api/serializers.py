from rest_framework import serializers

from payments.models import Invoice, InvoiceLine, PaymentAttempt, Receipt


class InvoiceLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoiceLine
        fields = ["label", "amount"]


class ReceiptSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="number_text")
    series = serializers.CharField()
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = Receipt
        fields = [
            "public_id",
            "series",
            "number",
            "amount",
            "method",
            "paid_at",
            "refunded_at",
            "url",
            "pdf_url",
            "verification_url",
        ]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    def get_pdf_url(self, obj) -> str:
        return self.get_url(obj) + "?tai-ve=1"

    def get_verification_url(self, obj) -> str:
        return obj.verification_url()


class InvoiceSerializer(serializers.ModelSerializer):
    payee = serializers.CharField(source="payee.name")
    purpose_label = serializers.SerializerMethodField()
    lines = InvoiceLineSerializer(many=True)
    receipts = ReceiptSerializer(many=True)
    amount_due = serializers.IntegerField()

    class Meta:
        model = Invoice
        fields = [
            "public_id",
            "code",
            "purpose",
            "purpose_label",
            "description",
            "payee",
            "payer_name",
            "amount",
            "amount_paid",
            "amount_due",
            "due_date",
            "status",
            "created_at",
            "paid_at",
            "lines",
            "receipts",
        ]

    def get_purpose_label(self, obj) -> str:
        from payments.registry import get_purpose

        return get_purpose(obj.purpose).label


class PaymentSerializer(serializers.ModelSerializer):
    invoices = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    receipts = ReceiptSerializer(many=True)
    redirect_url = serializers.SerializerMethodField()
    qr_payload = serializers.SerializerMethodField()
    transfer = serializers.SerializerMethodField()
    checkout_order = serializers.SerializerMethodField(
        help_text="Zalo Checkout: pass these to zmp-sdk createOrder as they are (mac included)."
    )

    class Meta:
        model = PaymentAttempt
        fields = [
            "reference",
            "gateway",
            "amount",
            "status",
            "created_at",
            "expires_at",
            "settled_at",
            "invoices",
            "receipts",
            "needs_refund",
            "redirect_url",
            "qr_payload",
            "transfer",
            "checkout_order",
        ]

    def _start(self, obj) -> dict:
        return obj.gateway_detail.get("start", {}) if obj.status == "pending" else {}

    def get_redirect_url(self, obj) -> str:
        return self._start(obj).get("redirect_url", "")

    def get_qr_payload(self, obj) -> str:
        return self._start(obj).get("qr_payload", "")

    def get_checkout_order(self, obj) -> dict:
        return self._start(obj).get("detail", {}).get("checkout_order", {}) if obj.gateway == "zalo_checkout" else {}

    def get_transfer(self, obj) -> dict:
        return self._start(obj).get("detail", {}) if obj.gateway == "vietqr" else {}


class PayInput(serializers.Serializer):
    invoices = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=20)
    gateway = serializers.CharField(max_length=16)
    amount = serializers.IntegerField(min_value=1, required=False, help_text="Chỉ với khoản cho nộp nhiều lần.")
    return_url = serializers.URLField(required=False, help_text="Nơi trình duyệt quay về; mặc định trang giao dịch.")


class CheckoutOrderInput(serializers.Serializer):
    order_id = serializers.CharField(max_length=64, help_text="the orderId zmp-sdk createOrder answered")
