"""The officers' queues against their budget: bytes on the wire (gzip), SQL queries and server time per page,
signed in as the demo's ordinary desk officer `canbo.tanninh` (not a superuser).

    DATABASE_URL=postgres://… .venv/bin/python scripts/queue_budget.py            # the demo data (after seed_demo)
    DATABASE_URL=postgres://… .venv/bin/python scripts/queue_budget.py --seed-dossiers 1000000 --seed-reports 300000

`--seed-*` first bulk-inserts that many extra dossiers and reports (copies of the demo's, spread over the demo's
agencies, every status, three years of dates) into the database it is pointed at: use a scratch database. Prints
one line per page and exits 1 when a queue page is over 150 KB or 12 queries."""

from __future__ import annotations

import argparse
import gzip
import os
import random
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
    """Copies of the demo's rows in bulk: what a province accumulates in three years."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from agencies.models import Agency
    from dossiers.models import Dossier
    from dossiers.workflow import DossierStatus
    from reports.models import Report
    from reports.workflow import ReportStatus

    rng = random.Random(20261129)  # noqa: S311 -- repeatable benchmark data, not secrets
    now = timezone.now()
    dossier_templates = list(Dossier.objects.exclude(status="draft").exclude(code=None)[:20])
    report_templates = list(Report.objects.exclude(status="draft")[:20])
    agencies = list(Agency.objects.values_list("pk", "ward_id"))
    statuses = [s for s in DossierStatus.values if s != "draft"]
    report_statuses = [s for s in ReportStatus.values if s != "draft"]
    batch = 10_000
    started = time.perf_counter()
    for start in range(0, dossiers, batch):
        rows = []
        for number in range(start, min(start + batch, dossiers)):
            template = rng.choice(dossier_templates)
            agency, ward = rng.choice(agencies)
            submitted = now - dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
            status = rng.choice(statuses)
            rows.append(
                Dossier(
                    code=f"SCALE-{number:08d}",
                    citizen_id=template.citizen_id,
                    procedure_id=template.procedure_id,
                    case_id=template.case_id,
                    procedure_version=template.procedure_version,
                    procedure_snapshot=template.procedure_snapshot,
                    receiving_agency_id=agency,
                    ward_id=ward or template.ward_id,
                    answers=template.answers,
                    status=status,
                    submitted_at=submitted,
                    received_at=None if status == "submitted" else submitted + dt.timedelta(hours=2),
                    due_at=None if status == "submitted" else submitted + dt.timedelta(days=rng.randint(1, 20)),
                )
            )
        for row in rows:
            row.queue_rank, row.queue_due = row.queue_key()  # bulk_create skips save(), which keeps the keys
            row.code_key = Dossier.lookup_key(row.code)
        with transaction.atomic():
            Dossier.objects.bulk_create(rows)
        print(f"  dossiers {min(start + batch, dossiers):,} ({time.perf_counter() - started:.0f} s)", flush=True)
    for start in range(0, reports, batch):
        rows = []
        for number in range(start, min(start + batch, reports)):
            template = rng.choice(report_templates)
            agency, ward = rng.choice(agencies)
            received = now - dt.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
            rows.append(
                Report(
                    code=f"PA-SCALE-{number:08d}",
                    status=rng.choice(report_statuses),
                    category_id=template.category_id,
                    description=template.description,
                    latitude=template.latitude,
                    longitude=template.longitude,
                    ward_id=ward or template.ward_id,
                    agency_id=agency,
                    reporter_id=template.reporter_id,
                    received_at=received,
                    deadline_at=received + dt.timedelta(days=rng.randint(1, 10)),
                    search_text=template.search_text,
                )
            )
        with transaction.atomic():
            Report.objects.bulk_create(rows)
        print(f"  reports {min(start + batch, reports):,} ({time.perf_counter() - started:.0f} s)", flush=True)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


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
        "rows": raw.count(b'action-checkbox"><input'),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed-dossiers", type=int, default=0)
    parser.add_argument("--seed-reports", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--officer", default="canbo.tanninh")
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
    print(f"{'page':28} {'status':>6} {'rows':>5} {'wire':>9} {'html':>9} {'queries':>7} {'server ms':>10}")
    for name, url, is_queue in pages:
        result = measure(client, url, args.repeats)
        flag = ""
        if is_queue and (result["wire"] > BUDGET_BYTES or result["queries"] > BUDGET_QUERIES):
            flag, over = "  OVER BUDGET", True
        if result["status"] != 200:
            flag, over = f"  HTTP {result['status']}", True
        print(
            f"{name:28} {result['status']:>6} {result['rows']:>5} {result['wire']:>9,} {result['html']:>9,} "
            f"{result['queries']:>7} {result['median_ms']:>10.1f}{flag}"
        )
    print(f"budget per queue page: ≤ {BUDGET_BYTES // 1024} KB on the wire, ≤ {BUDGET_QUERIES} queries")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
