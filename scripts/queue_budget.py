"""The officers' queues against their budget: bytes on the wire (gzip), SQL queries and server time per page,
signed in as the demo's ordinary desk officer `canbo.tanninh` (not a superuser).

    DATABASE_URL=postgres://… .venv/bin/python scripts/queue_budget.py            # the demo data (after seed_demo)
    DATABASE_URL=postgres://… .venv/bin/python scripts/queue_budget.py --seed-dossiers 1000000 --seed-reports 300000

`--seed-*` first bulk-inserts that many dossiers and reports with `citizen_portal.scale` (what `manage.py seed_scale`
does; a tenth of them at three demo agencies, the measured officer's among them) into the database it is pointed
at: use a scratch database. Prints
one line per page and exits 1 when a queue page is over 150 KB or 12 queries."""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citizen_portal.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["STAFF_MFA_REQUIRED"] = "0"

BUDGET_BYTES = 150 * 1024
BUDGET_QUERIES = 12


def seed(dossiers: int, reports: int) -> None:
    """A province's three years (manage.py seed_scale's run "qb"), part of it at the demo's agencies so the
    measured officer's queues grow with it."""
    from agencies.models import Agency
    from citizen_portal.scale import scale_seed

    demo = list(Agency.objects.filter(identifier__in=["TNH-UB-25459", "TNH-TTHCC", "TNH-UB-27694"]))
    result = scale_seed(
        label="qb", dossiers=dossiers, reports=reports, citizens=max(100, dossiers // 50), also_to=demo * 4
    )
    print(f"  seeded {result.dossiers:,} dossiers and {result.reports:,} reports in {result.seconds:.0f} s")


def measure(client, url: str, repeats: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            timings.append((time.perf_counter() - started) * 1000)
    body = response.content
    raw = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body
    return {
        "status": response.status_code,
        "wire": len(body),
        "html": len(raw),
        "queries": len(queries),
        "median_ms": statistics.median(timings),
        "p95_ms": sorted(timings)[max(0, round(len(timings) * 0.95) - 1)],
        "rows": raw.count(b'action-checkbox"><input'),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed-dossiers", type=int, default=0)
    parser.add_argument("--seed-reports", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--officer", default="canbo.tanninh")
    parser.add_argument("--p95-ms", type=float, default=0, help="also fail a queue page slower than this (p95)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from dossiers.models import Dossier
    from identity.models import User
    from reports.models import Report

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.seed_dossiers or args.seed_reports:
        seed(args.seed_dossiers, args.seed_reports)
    officer = User.objects.get(username=args.officer)
    client = Client()
    client.force_login(officer)
    visible = Dossier.objects.for_user(officer)
    dossier = visible.order_by("-pk").first()
    report = Report.objects.for_user(officer).order_by("-pk").first()
    print(
        f"{Dossier.objects.count():,} dossiers, {Report.objects.count():,} reports in the database; "
        f"signed in as {officer.username} (superuser: {officer.is_superuser})"
    )
    pages = [
        ("home", "/admin/", False),
        ("dossier queue", "/admin/dossiers/dossier/", True),
        ("dossier queue, overdue", "/admin/dossiers/dossier/?han=qua-han", True),
        ("report queue", "/admin/reports/report/", True),
        ("report queue, overdue", "/admin/reports/report/?han=qua-han", True),
    ]
    if dossier:
        pages.append(("dossier workspace", f"/admin/dossiers/dossier/{dossier.pk}/change/", False))
    if report:
        pages.append(("report workspace", f"/admin/reports/report/{report.pk}/change/", False))
    over = False
    columns = f"{'status':>6} {'rows':>5} {'wire':>9} {'html':>9} {'queries':>7} {'median ms':>10} {'p95 ms':>7}"
    print(f"{'page':28} {columns}")
    for name, url, is_queue in pages:
        result = measure(client, url, args.repeats)
        flag = ""
        if is_queue and (result["wire"] > BUDGET_BYTES or result["queries"] > BUDGET_QUERIES):
            flag, over = "  OVER BUDGET", True
        if is_queue and args.p95_ms and result["p95_ms"] >= args.p95_ms:
            flag, over = f"  p95 OVER {args.p95_ms:g} ms", True
        if result["status"] != 200:
            flag, over = f"  HTTP {result['status']}", True
        print(
            f"{name:28} {result['status']:>6} {result['rows']:>5} {result['wire']:>9,} {result['html']:>9,} "
            f"{result['queries']:>7} {result['median_ms']:>10.1f} {result['p95_ms']:>7.1f}{flag}"
        )
    print(f"budget per queue page: ≤ {BUDGET_BYTES // 1024} KB on the wire, ≤ {BUDGET_QUERIES} queries")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
