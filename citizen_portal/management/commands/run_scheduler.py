import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from citizen_portal.scheduling import scheduler_tick


class Command(BaseCommand):
    help = "Enqueue periodic jobs when due. Safe to run in several processes: each run is enqueued once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=15.0, help="seconds between checks")
        parser.add_argument("--once", action="store_true", help="check once and exit")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while self.running:
            for name in scheduler_tick():
                self.stdout.write(f"Đã xếp việc định kỳ: {name}")
            if once:
                break
            time.sleep(interval)
            close_old_connections()  # a long-lived loop must not keep a dead or stale connection

    def _stop(self, signum, frame) -> None:
        self.running = False
