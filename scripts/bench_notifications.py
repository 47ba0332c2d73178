"""Notification throughput: how fast `notify()` writes and the sweep delivers, and how many queries each costs.

Runs against a scratch database (it migrates it and adds demo rows) and the Zalo simulator on 127.0.0.1:

    createdb -h 127.0.0.1 -U postgres bench_notifications
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_notifications \\
        .venv/bin/python scripts/bench_notifications.py --count 500
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citizen_portal.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")  # the sweep delivers


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL to a scratch PostgreSQL database.", file=sys.stderr)
        return 2

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from identity.models import User
    from notifications.models import Notification, NotificationPreference
    from notifications.services import notifications_deliver_due, notify
    from notifications.zalo import oa_token_store
    from notifications.zalo_simulator import ZaloSimulator, templates_from_files

    call_command("migrate", verbosity=0)
    simulator = ZaloSimulator(
        app_id=settings.ZALO["APP_ID"],
        app_secret=settings.ZALO["APP_SECRET"],
        templates=templates_from_files(ROOT / "templates" / "notifications"),
    ).start()
    for key in ("OAUTH_URL", "OPENAPI_URL", "BUSINESS_URL"):
        settings.ZALO[key] = simulator.url
    access, refresh = simulator.issue_tokens()
    oa_token_store(access_token=access, refresh_token=refresh, expires_in=3600)
    settings.NOTIFICATIONS["RATE_LIMIT_PER_HOUR"] = settings.NOTIFICATIONS["RATE_LIMIT_PER_DAY"] = 10**6

    Notification.objects.all().delete()
    run = int(time.time())
    citizens = User.objects.bulk_create(
        [
            User(username=f"bench-{run}-{i}", full_name=f"Công Dân {i}", phone=f"+849{run % 10**4:04d}{i:04d}")
            for i in range(args.count)
        ]
    )
    NotificationPreference.objects.bulk_create([NotificationPreference(user=c) for c in citizens])
    facts = {
        "dossier_code": "TNH-UB-25459-261123-0001",
        "procedure_name": "Đăng ký khai sinh",
        "agency_name": "UBND phường Tân Ninh",
        "due_at": timezone.now(),
    }

    with CaptureQueriesContext(connection) as write_queries:
        started = time.perf_counter()
        for citizen in citizens:
            with transaction.atomic():
                notify(recipient=citizen, event="dossier_received", context=facts, link="/ho-so/x/")
        write_seconds = time.perf_counter() - started

    with CaptureQueriesContext(connection) as deliver_queries:
        started = time.perf_counter()
        outcomes = notifications_deliver_due(limit=args.count)
        deliver_seconds = time.perf_counter() - started
    simulator.stop()

    n = args.count
    print(f"notifications: {n}, database: {connection.vendor}")
    print(f"notify():  {n / write_seconds:8.1f} /s   {len(write_queries) / n:5.1f} queries each")
    print(f"delivery:  {n / deliver_seconds:8.1f} /s   {len(deliver_queries) / n:5.1f} queries each   {outcomes}")
    print(f"ZNS messages received by the simulator: {len(simulator.messages('zns'))}")
    return 0 if outcomes.get("sent") == n else 1


if __name__ == "__main__":
    raise SystemExit(main())
