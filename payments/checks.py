"""`manage.py check --deploy`: a production must not run with the simulators' published test keys, or anyone who
read this repository could sign a "paid" IPN or callback."""

from django.conf import settings
from django.core import checks

DEMO_SECRETS = {
    ("VNPAY", "HASH_SECRET"): ("vnpay", "VNPAY_HASH_SECRET", "demo-vnpay-secret"),
    ("ZALOPAY", "KEY1"): ("zalopay", "ZALOPAY_KEY1", "demo-zalopay-key1"),
    ("ZALOPAY", "KEY2"): ("zalopay", "ZALOPAY_KEY2", "demo-zalopay-key2"),
}


@checks.register(checks.Tags.security, deploy=True)
def payment_secrets_are_real(app_configs, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    offered = set(settings.PAYMENTS["GATEWAYS"])
    for (section, key), (gateway, variable, demo) in DEMO_SECRETS.items():
        if gateway in offered and settings.PAYMENTS[section][key] == demo:
            errors.append(
                checks.Error(
                    f"{variable} is the simulator's test key.",
                    hint=f"Set {variable} to the key the provider issued, or leave {gateway} out of PAYMENT_GATEWAYS.",
                    id="payments.E001",
                )
            )
    if "vietqr" in offered and settings.PAYMENTS["BANK_WEBHOOK_SECRET"] == "demo-bank-webhook-secret":  # noqa: S105
        errors.append(
            checks.Error(
                "BANK_WEBHOOK_SECRET is the demo secret.",
                hint="Set the secret agreed with the bank for its credit notifications.",
                id="payments.E002",
            )
        )
    return errors
