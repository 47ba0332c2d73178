"""The payment gateways, by code. Settings choose which ones citizens are offered (PAYMENTS["GATEWAYS"])."""

from django.conf import settings

from payments.gateways.base import PaymentGateway
from payments.gateways.transfer import TransferGateway
from payments.gateways.vnpay import VNPayGateway
from payments.gateways.zalo_checkout import ZaloCheckoutGateway
from payments.gateways.zalopay import ZaloPayGateway

GATEWAYS: dict[str, PaymentGateway] = {
    g.code: g for g in (VNPayGateway(), ZaloPayGateway(), TransferGateway(), ZaloCheckoutGateway())
}


def get_gateway(code: str) -> PaymentGateway:
    return GATEWAYS[code]


def offered_gateways(payee_ids=None, *, miniapp: bool = False) -> list[PaymentGateway]:
    """The gateways citizens may choose; for these payee agencies, a transfer only when every one of them has a
    collection account to transfer into. Inside the Zalo Mini App, Zalo allows its Checkout SDK only."""
    if miniapp:
        return [GATEWAYS["zalo_checkout"]]
    offered = [GATEWAYS[code] for code in settings.PAYMENTS["GATEWAYS"] if code in GATEWAYS]
    if payee_ids is not None and not transfer_possible(payee_ids):
        offered = [gateway for gateway in offered if gateway.code != "vietqr"]
    return offered


def transfer_possible(payee_ids) -> bool:
    from payments.models import CollectionAccount

    wanted = set(payee_ids)
    return bool(wanted) and CollectionAccount.objects.filter(agency_id__in=wanted).count() == len(wanted)
