"""Payments API for the signed-in citizen (the mini app and other clients): their invoices, starting a payment,
its status and receipts. The same services as the pages; only the gateway's server changes a payment's state."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from citizen_portal.api.exceptions import ApplicationError
from citizen_portal.api.inputs import validated
from citizen_portal.ratelimit import client_ip
from payments.api.serializers import CheckoutOrderInput, InvoiceSerializer, PayInput, PaymentSerializer
from payments.models import Invoice, PaymentAttempt, Receipt
from payments.services import attempt_start, checkout_order_bind


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("status", str, enum=["open", "paid", "cancelled", "expired"])])
)
class MyInvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    """Invoices the signed-in person may pay (their own, and those a utility opens to them): `?status=open`."""

    serializer_class = InvoiceSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "public_id"

    def get_queryset(self):
        queryset = (
            Invoice.objects.payable_by(self.request.user)
            .select_related("payee")
            .prefetch_related("lines", Prefetch("receipts", queryset=Receipt.objects.select_related("agency")))
        )
        wanted = self.request.query_params.get("status")
        return queryset.filter(status=wanted) if wanted else queryset


class MyPaymentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Payments the signed-in person started. POST starts one; follow `redirect_url` (VNPay, ZaloPay) or show
    `qr_payload` (VietQR transfer), then read the payment until `status` is no longer "pending"."""

    serializer_class = PaymentSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "reference"

    queryset = PaymentAttempt.objects.none()  # for the schema; requests read get_queryset()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PaymentAttempt.objects.none()
        return PaymentAttempt.objects.filter(payer=self.request.user).prefetch_related(
            "invoices", Prefetch("receipts", queryset=Receipt.objects.select_related("agency"))
        )

    @extend_schema(request=PayInput, responses={201: PaymentSerializer})
    def create(self, request):
        data = validated(PayInput, request.data)
        wanted = {str(value) for value in data["invoices"]}
        invoices = list(Invoice.objects.payable_by(request.user).filter(public_id__in=wanted))
        if len(invoices) != len(wanted):
            raise ApplicationError("Không tìm thấy khoản cần nộp.", code="not_found", status_code=404)

        def return_url_for(reference: str) -> str:
            return data.get("return_url") or request.build_absolute_uri(reverse("payments:attempt", args=[reference]))

        attempt, _ = attempt_start(
            invoices=invoices,
            gateway_code=data["gateway"],
            payer=request.user,
            return_url_for=return_url_for,
            client_ip=client_ip(request),
            amount=data.get("amount"),
        )
        fresh = self.get_queryset().get(pk=attempt.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckoutOrderInput, responses=PaymentSerializer)
    @action(detail=True, methods=["post"], url_path="checkout-order")
    def checkout_order(self, request, reference=None):
        """Zalo Checkout: after createOrder, tell us its orderId (so we can ask Zalo if its callback never comes)."""
        data = validated(CheckoutOrderInput, request.data)
        attempt = checkout_order_bind(attempt=self.get_object(), payer=request.user, order_id=data["order_id"])
        return Response(self.get_serializer(self.get_queryset().get(pk=attempt.pk)).data)
