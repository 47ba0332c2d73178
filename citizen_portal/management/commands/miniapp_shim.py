from django.core.management.base import BaseCommand, CommandError

from citizen_portal.miniapp_host import MiniAppHost
from citizen_portal.processes import wait_for_stop


class Command(BaseCommand):
    help = (
        "Serve the mini app's shim build (miniapp/dist-shim) on 127.0.0.1, against this server and the Zalo simulator."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8794)
        parser.add_argument("--api", default="http://127.0.0.1:8000")
        parser.add_argument("--zalo-simulator", default="http://127.0.0.1:8790")

    def handle(self, *args, port: int, api: str, zalo_simulator: str, **options) -> None:
        try:
            host = MiniAppHost(api=api, zalo_simulator=zalo_simulator, port=port).start()
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Mini app (Zalo giả lập): {host.url}/")
        wait_for_stop()
        host.stop()
