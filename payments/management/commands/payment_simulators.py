from django.conf import settings
from django.core.management.base import BaseCommand

from citizen_portal.processes import wait_for_stop
from payments.gateways.vnpay_simulator import VNPaySimulator
from payments.gateways.zalopay_simulator import ZaloPaySimulator


class Command(BaseCommand):
    help = (
        "Run the VNPay and ZaloPay simulators on 127.0.0.1 for the demo: their payment pages let a visitor choose "
        "success, failure or cancel, and they call our IPN/callback signed as the providers do. Point VNPAY_PAY_URL, "
        "VNPAY_API_URL and ZALOPAY_API_URL at them (make run does)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--vnpay-port", type=int, default=8792)
        parser.add_argument("--zalopay-port", type=int, default=8793)

    def handle(self, *args, vnpay_port: int, zalopay_port: int, **options) -> None:
        vnpay_config, zalopay_config = settings.PAYMENTS["VNPAY"], settings.PAYMENTS["ZALOPAY"]
        vnpay = VNPaySimulator(
            tmn_code=vnpay_config["TMN_CODE"],
            hash_secret=vnpay_config["HASH_SECRET"],
            # VNPay calls the IPN address the merchant registered with it; ours is fixed by our URL map.
            ipn_url=f"{settings.PUBLIC_BASE_URL}/thanh-toan/vnpay/ipn",
            port=vnpay_port,
        ).start()
        zalopay = ZaloPaySimulator(
            app_id=zalopay_config["APP_ID"], key1=zalopay_config["KEY1"], key2=zalopay_config["KEY2"], port=zalopay_port
        ).start()
        self.stdout.write(f"VNPay simulator: {vnpay.pay_url}\nZaloPay simulator: {zalopay.url}")
        wait_for_stop()
        vnpay.stop()
        zalopay.stop()
