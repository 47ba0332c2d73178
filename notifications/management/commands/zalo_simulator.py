import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from notifications.models import NotificationPreference
from notifications.zalo import oa_token_store
from notifications.zalo_simulator import ZaloSimulator, templates_from_files

DEMO_ZALO_USERS = [
    ("2000000000000000001", "Nguyễn Văn An", "84912345678"),
    ("2000000000000000002", "Trần Thị Bích", "84987654321"),
    ("2000000000000000003", "Võ Minh Khang", "84909123456"),
]


class Command(BaseCommand):
    help = (
        "Run the Zalo simulator on 127.0.0.1 for the demo (Social Login, Graph, ZNS, OA messages, token refresh), "
        "and store a fresh OA token pair it accepts. Point the ZALO_*_URL settings at it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8790)

    def handle(self, *args, port: int, **options) -> None:
        simulator = ZaloSimulator(
            app_id=settings.ZALO["APP_ID"],
            app_secret=settings.ZALO["APP_SECRET"],
            templates=templates_from_files(settings.BASE_DIR / "templates" / "notifications"),
            port=port,
        )
        # Everyone who gave us an OA follower id follows the demo OA.
        for user_id in NotificationPreference.objects.exclude(zalo_oa_user_id="").values_list(
            "zalo_oa_user_id", flat=True
        ):
            simulator.add_follower(user_id)
        # Zalo users a tester can "log in" as on the simulator's consent page.
        for user_id, name, phone in DEMO_ZALO_USERS:
            simulator.add_user(user_id, name, phone=phone)
        access, refresh = simulator.issue_tokens()
        oa_token_store(access_token=access, refresh_token=refresh, expires_in=3600)
        simulator.start()
        self.stdout.write(f"Zalo simulator: {simulator.url} (app {settings.ZALO['APP_ID']})")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        stop.wait()
        simulator.stop()
