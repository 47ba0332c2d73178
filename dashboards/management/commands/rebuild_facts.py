import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dashboards.facts import facts_rebuild, reach_snapshot_take


class Command(BaseCommand):
    help = "Rebuild the dashboards' daily facts (and their monthly roll-ups) of a range of days from the raw tables."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--from", dest="first", help="first day, YYYY-MM-DD (default: three years ago)")
        parser.add_argument("--to", dest="last", help="last day, YYYY-MM-DD, included (default: today)")

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        try:
            first = dt.date.fromisoformat(options["first"]) if options["first"] else today.replace(year=today.year - 3)
            last = dt.date.fromisoformat(options["last"]) if options["last"] else today
        except ValueError as error:
            raise CommandError(f"Ngày không đúng dạng năm-tháng-ngày: {error}") from error
        if last < first:
            raise CommandError("Ngày kết thúc (--to) phải từ ngày bắt đầu (--from) trở đi.")
        started = time.perf_counter()
        rows = facts_rebuild(first=first, last=last, log=self.stdout.write)
        reach_snapshot_take()
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã dựng lại số liệu từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}: {rows:,} dòng trong "
                f"{time.perf_counter() - started:.1f} giây."
            )
        )
