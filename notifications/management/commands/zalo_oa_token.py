import json
import sys

from django.core.management.base import BaseCommand, CommandError

from notifications.zalo import oa_token_store


class Command(BaseCommand):
    help = (
        "Store the Zalo Official Account token pair (from the OA authorisation). Reads JSON "
        '{"access_token", "refresh_token", "expires_in"} on standard input, so tokens stay out of shell history. '
        "From then on the portal refreshes it by itself."
    )

    def handle(self, *args, **options) -> None:
        try:
            data = json.loads(sys.stdin.read())
            token = oa_token_store(
                access_token=data["access_token"],
                refresh_token=data["refresh_token"],
                expires_in=int(data.get("expires_in") or 3600),
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise CommandError(
                'Cần JSON dạng {"access_token": "...", "refresh_token": "...", "expires_in": 90000}'
            ) from error
        self.stdout.write(
            self.style.SUCCESS(f"Đã lưu mã truy cập Zalo OA, hết hạn lúc {token.access_expires_at:%H:%M %d/%m/%Y}.")
        )
