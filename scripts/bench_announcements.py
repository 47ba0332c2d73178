"""Important announcements: how long sending one article to N subscribers of a ward takes (the inbox rows, the
outbox rows and their queued deliveries; delivery itself is bench_notifications.py's business).

Runs against a scratch database (it migrates it; everything it adds is rolled back at the end):

    createdb -h 127.0.0.1 -U postgres bench_announcements
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_announcements \\
        .venv/bin/python scripts/bench_announcements.py --subscribers 5000
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
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.dummy.DummyBackend")  # queued, not delivered


class _RolledBack(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=5000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL to a scratch PostgreSQL database.", file=sys.stderr)
        return 2

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from agencies.models import Agency, Province
    from agencies.services import geography_load
    from identity.models import User
    from media_feeds.models import AnnouncementSubscription, Article, Category
    from media_feeds.services import article_announce

    call_command("migrate", verbosity=0)
    if not Province.objects.exists():
        geography_load()
    try:
        with transaction.atomic():
            province = Province.objects.order_by("code").first()
            ward = province.wards.order_by("code").first()
            agency = Agency.objects.create(name="UBND (đo)", identifier="BENCH-ANN", province=province, ward=ward)
            people = User.objects.bulk_create(
                User(username=f"bench-ann-{i}", full_name=f"Người {i}") for i in range(args.subscribers)
            )
            AnnouncementSubscription.objects.bulk_create(AnnouncementSubscription(user=u, ward=ward) for u in people)
            article = Article.objects.create(
                title="Tạm ngừng cấp nước", slug="bench-ann", summary="Từ 8 giờ đến 12 giờ.", important=True,
                category=Category.objects.get_or_create(slug="bench-ann", defaults={"name": "Đo"})[0],
                agency=agency, status="published", published_at=timezone.now(),
            )  # fmt: skip
            article.announce_wards.set([ward])
            started = time.perf_counter()
            queries = []

            def count(execute, sql, params, many, context):
                queries.append(1)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                sent = article_announce(article_id=article.pk)
            seconds = time.perf_counter() - started
            print(f"{sent} subscribers in {seconds:.1f} s: {seconds / sent * 1000:.1f} ms and "
                  f"{len(queries) / sent:.1f} queries each ({connection.vendor})")  # fmt: skip
            raise _RolledBack
    except _RolledBack:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
