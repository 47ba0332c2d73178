"""The payment gateways, by code. Settings choose which ones citizens are offered (PAYMENTS["GATEWAYS"])."""

from django.conf import settings

from payments.gateways.base import PaymentGateway
from payments.gateways.transfer import TransferGateway
from payments.gateways.vnpay import VNPayGateway
from payments.gateways.zalopay import ZaloPayGateway

GATEWAYS: dict[str, PaymentGateway] = {g.code: g for g in (VNPayGateway(), ZaloPayGateway(), TransferGateway())}


def get_gateway(code: str) -> PaymentGateway:
    return GATEWAYS[code]


def offered_gateways() -> list[PaymentGateway]:
    return [GATEWAYS[code] for code in settings.PAYMENTS["GATEWAYS"] if code in GATEWAYS]
