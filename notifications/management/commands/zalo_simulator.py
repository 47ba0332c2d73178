from django.conf import settings
from django.core.management.base import BaseCommand

from citizen_portal.demo_people import CITIZENS
from citizen_portal.processes import wait_for_stop
from notifications.models import NotificationPreference
from notifications.zalo import oa_token_store
from notifications.zalo_simulator import ZaloSimulator, templates_from_files


def demo_simulator(port: int = 0) -> ZaloSimulator:
    """The simulator `make run` starts (not yet listening): the seeded citizens as its Zalo users, the demo's OA
    followers, and an OA token pair it accepts, stored for our client."""
    simulator = ZaloSimulator(
        app_id=settings.ZALO["APP_ID"],
        app_secret=settings.ZALO["APP_SECRET"],
        templates=templates_from_files(settings.BASE_DIR / "templates" / "notifications"),
        port=port,
    )
    # Everyone who gave us an OA follower id follows the demo OA.
    for user_id in NotificationPreference.objects.exclude(zalo_oa_user_id="").values_list("zalo_oa_user_id", flat=True):
        simulator.add_follower(user_id)
    # Zalo users a visitor can "log in" as on the simulator's consent page: the seeded citizens, same Zalo ids
    # and phones, so the login lands on their accounts (with their dossiers and reports).
    for person in CITIZENS:
        if person.zalo_id:
            simulator.add_user(person.zalo_id, person.full_name, phone=person.zalo_phone)
    # It plays Zalo's Checkout server too: the mini app's createOrder, the citizen's confirmation, the callback.
    checkout = settings.PAYMENTS["ZALO_CHECKOUT"]
    simulator.configure_checkout(
        miniapp_id=checkout["APP_ID"],
        private_key=checkout["PRIVATE_KEY"],
        callback_url=f"{settings.PUBLIC_BASE_URL}/thanh-toan/zalo-checkout/callback",
    )
    access, refresh = simulator.issue_tokens()
    oa_token_store(access_token=access, refresh_token=refresh, expires_in=3600)
    return simulator


class Command(BaseCommand):
    help = (
        "Run the Zalo simulator on 127.0.0.1 for the demo (Social Login, Graph, ZNS, OA messages, token refresh), "
        "and store a fresh OA token pair it accepts. Point the ZALO_*_URL settings at it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8790)

    def handle(self, *args, port: int, **options) -> None:
        simulator = demo_simulator(port)
        simulator.start()
        self.stdout.write(f"Zalo simulator: {simulator.url} (tin nhắn đã gửi: {simulator.url}/)")
        wait_for_stop()
        simulator.stop()
