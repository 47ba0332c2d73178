"""The task worker, kept alive: `db_worker` exits on the first database error, so a PostgreSQL restart left 345
messages pending until somebody noticed. This runs it again after a pause that grows to 30 s, for as long as the
database is away, and goes on when it is back. (Run it under a supervisor too: see README.)"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the background task worker (db_worker), reconnecting after database outages."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--max-pause", type=float, default=30.0)

    def handle(self, *args, max_pause: float, **options) -> None:
        pause = 1.0
        while True:
            try:
                call_command("db_worker", reload=False)  # errors must reach us, not die in a reloader thread
                return  # stopped on purpose (Ctrl+C, SIGTERM)
            except (OperationalError, InterfaceError) as error:
                connections.close_all()
                self.stderr.write(
                    f"Mất kết nối cơ sở dữ liệu ({error.__class__.__name__}); thử lại sau {pause:.0f} giây."
                )
                logger.warning("task worker: database unavailable, retrying in %.0f s", pause)
                time.sleep(pause)
                pause = min(pause * 2, max_pause)
