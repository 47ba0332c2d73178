"""The 4.0 shop directory for apps (the mini app): listed shops with the same filters as the page, one shop with
its VietQR payloads (`?amount=` for a dynamic one), and the figures per ward."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from citizen_portal.api.exceptions import ApplicationError
from shops.api.serializers import PaymentCodeSerializer, PublicShopSerializer, WardFiguresSerializer
from shops.forms import AmountForm, DirectoryForm
from shops.models import Shop
from shops.selectors import directory, figures_by_ward, listings, payment_codes, public_shop
from shops.workflow import ShopStatus

FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search, with or without diacritics"),
    OpenApiParameter("ward", OpenApiTypes.INT, description="Ward code"),
    OpenApiParameter("loai", OpenApiTypes.STR, description="Business type slug"),
    OpenApiParameter("thanh_toan", OpenApiTypes.STR, enum=["chuyen-khoan", "zalopay", "momo", "vnpay", "the"]),
    OpenApiParameter("vi_do", OpenApiTypes.FLOAT, description="Latitude: nearest first (with kinh_do)"),
    OpenApiParameter("kinh_do", OpenApiTypes.FLOAT),
]


class ShopViewSet(viewsets.GenericViewSet):
    queryset = Shop.objects.none()  # the schema's model; every action reads through the selectors
    serializer_class = PublicShopSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"

    @extend_schema(parameters=FILTERS, responses=PublicShopSerializer(many=True))
    def list(self, request):
        form = DirectoryForm(request.query_params)
        if not form.is_valid():
            raise ApplicationError(
                "Bộ lọc không hợp lệ: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items()),
                code="filter_invalid",
            )
        data = form.cleaned_data
        near = (data["vi_do"], data["kinh_do"]) if data["vi_do"] is not None and data["kinh_do"] is not None else None
        entries = directory(
            query=data["q"], ward=data["ward"], business_type=data["loai"], method=data["thanh_toan"], near=near
        )
        page = listings(self.paginate_queryset(entries))
        context = {**self.get_serializer_context(), "distances": {item.shop.pk: item.distance_m for item in page}}
        return self.get_paginated_response(
            PublicShopSerializer([item.shop for item in page], many=True, context=context).data
        )

    def retrieve(self, request, code=None):
        shop = public_shop(code)
        if shop is None or shop.status != ShopStatus.APPROVED:
            raise Http404
        return Response(self.get_serializer(shop).data)

    @extend_schema(
        parameters=[OpenApiParameter("amount", OpenApiTypes.INT, description="Đồng; omitted for a static code")],
        responses=PaymentCodeSerializer(many=True),
    )
    @action(detail=True, url_path="payment-codes")
    def payment_codes(self, request, code=None):
        shop = public_shop(code)
        if shop is None or shop.status != ShopStatus.APPROVED:
            raise Http404
        amount = None
        if "amount" in request.query_params:
            form = AmountForm({"so_tien": request.query_params["amount"]})
            if not form.is_valid():
                raise ApplicationError(form.errors["so_tien"][0], code="amount_invalid")
            amount = form.cleaned_data["so_tien"]
        return Response(PaymentCodeSerializer(payment_codes(shop, amount=amount), many=True).data)

    @extend_schema(responses=WardFiguresSerializer(many=True))
    @action(detail=False)
    def figures(self, request):
        return Response(WardFiguresSerializer(figures_by_ward(), many=True).data)
