"""Payments fixtures: a payee agency with a collection account, a purpose registered the way a utility registers
one, invoices made through the service, and the VNPay and ZaloPay simulators with our settings pointing at them."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings

from payments.gateways.vnpay_simulator import VNPaySimulator
from payments.gateways.zalopay_simulator import ZaloPaySimulator
from payments.models import Bank, CollectionAccount
from payments.registry import PURPOSES, Purpose, register_purpose
from payments.services import invoice_create


@pytest.fixture
def paid_log():
    """A purpose like a utility's: on "paid" it records the invoice code (the utility would move its record on)."""
    log: list[str] = []
    register_purpose(Purpose(code="test_fee", label="Khoản thu thử", on_paid=lambda invoice: log.append(invoice.code)))
    yield log
    PURPOSES.pop("test_fee", None)


@pytest.fixture
def collection_account(agency):
    return CollectionAccount.objects.create(
        agency=agency,
        # get_or_create: a transactional test before this one may have flushed the migrated bank list.
        bank=Bank.objects.get_or_create(bin="970436", defaults={"short_name": "Vietcombank", "name": "Vietcombank"})[0],
        account_number="1023456789",
        account_name="UBND PHUONG TAN NINH",
    )


@pytest.fixture
def make_invoice(agency, paid_log, collection_account):
    def make(payer, amount: int = 120_000, **kwargs):
        return invoice_create(
            purpose="test_fee",
            subject_key=kwargs.pop("subject_key", "test:1"),
            payee=kwargs.pop("payee", agency),
            payer=payer,
            description=kwargs.pop("description", "Lệ phí cấp bản sao trích lục hộ tịch"),
            lines=kwargs.pop("lines", [("Lệ phí", amount)]),
            **kwargs,
        )

    return make


@pytest.fixture
def vnpay(settings):
    """VNPay's sandbox on 127.0.0.1. Its IPN goes nowhere until a test points `ipn_url` at a live server."""
    config = django_settings.PAYMENTS["VNPAY"]
    simulator = VNPaySimulator(tmn_code=config["TMN_CODE"], hash_secret=config["HASH_SECRET"], ipn_url="").start()
    settings.PAYMENTS = {
        **django_settings.PAYMENTS,
        "TIMEOUT_SECONDS": 5,
        "VNPAY": {**config, "PAY_URL": simulator.pay_url, "API_URL": simulator.api_url},
    }
    yield simulator
    simulator.stop()


@pytest.fixture
def zalopay(settings):
    config = django_settings.PAYMENTS["ZALOPAY"]
    simulator = ZaloPaySimulator(app_id=config["APP_ID"], key1=config["KEY1"], key2=config["KEY2"]).start()
    settings.PAYMENTS = {
        **settings.PAYMENTS,
        "TIMEOUT_SECONDS": 5,
        "ZALOPAY": {**config, "API_URL": simulator.url},
    }
    yield simulator
    simulator.stop()
