import urllib.parse

from django.conf import settings
from django.core.management.base import BaseCommand

from citizen_portal.demo_people import sso_accounts
from citizen_portal.processes import wait_for_stop
from identity.sso_simulator import SsoSimulatorUnavailable, demo_sso_server, start_sso_simulator


class Command(BaseCommand):
    help = (
        "Run the provincial SSO simulator (a real OpenID Provider) for the demo: the demo citizens can verify "
        "to level 2 through “Xác thực bằng Tây Ninh ID”. Configure OIDC_SERVERS with a 'tayninh-id' entry."
    )

    def handle(self, *args, **options) -> None:
        try:
            server = demo_sso_server()
            port = urllib.parse.urlsplit(server["server_url"]).port
            base = settings.PUBLIC_BASE_URL.rstrip("/")
            callback = f"/tai-khoan/oidc/{server['id']}/login/callback/"
            hosts = {base, base.replace("127.0.0.1", "localhost"), base.replace("localhost", "127.0.0.1")}
            process = start_sso_simulator(
                port=port,
                accounts=sso_accounts(),
                client_id=server["client_id"],
                secret=server.get("secret", ""),
                redirect_uris=sorted(f"{host}{callback}" for host in hosts),
            )
        except SsoSimulatorUnavailable as error:
            self.stderr.write(f"Tây Ninh ID (giả lập) không chạy: {error}. Mức 2 chỉ có qua /dang-nhap/demo/.")
            return
        self.stdout.write(f"Tây Ninh ID (giả lập): {server['server_url']}")
        wait_for_stop()
        process.terminate()
        process.wait(timeout=10)
