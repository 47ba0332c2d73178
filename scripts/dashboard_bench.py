"""The dashboards at province scale: server time p50/p95 of every dashboard page and API call over repeated
requests, signed in as the province (a superuser), a district's leader (ten ward committees) and a ward's staff.

    DATABASE_URL=postgres://… .venv/bin/python scripts/dashboard_bench.py                 # what is in the database
    DATABASE_URL=postgres://… .venv/bin/python scripts/dashboard_bench.py --seed-dossiers 1000000 \\
        --seed-reports 300000 --seed-citizens 300000                                       # seed_scale first

Seeding uses `citizen_portal.scale` (what `manage.py seed_scale` does, the facts rebuilt afterwards) into the
database it is pointed at: use a scratch database. Each page is asked once before it is timed (the first request
of a process compiles templates). Prints one line per page and person; exits 1 when a page does not answer 200,
or, with `--p95-ms 300` (the target at province scale), when a p95 reaches it."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citizen_portal.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["STAFF_MFA_REQUIRED"] = "0"


def seed(dossiers: int, reports: int, citizens: int) -> None:
    from citizen_portal.scale import scale_seed

    result = scale_seed(label="db", dossiers=dossiers, reports=reports, citizens=citizens, facts=True)
    print(
        f"  seeded {result.dossiers:,} dossiers, {result.reports:,} reports, {result.citizens:,} citizens in "
        f"{result.seed_seconds:.0f} s; facts rebuilt in {result.seconds - result.seed_seconds:.0f} s"
    )


def people():
    """The province (a superuser), a district over ten ward committees, one ward committee's staff."""
    from django.db.models import Count

    from agencies.models import Agency, AgencyKind, OfficerRole
    from agencies.services import officer_membership_grant
    from identity.models import User

    committees = list(
        Agency.objects.filter(kind=AgencyKind.WARD_COMMITTEE).annotate(n=Count("dossiers")).order_by("-n")[:10]
    )
    province = User.objects.filter(is_superuser=True).first()
    district_agency, _ = Agency.objects.get_or_create(
        identifier="BENCH-DISTRICT",
        defaults={
            "name": "Khu vực thử tải",
            "kind": AgencyKind.OTHER,
            "province_id": committees[0].province_id,
        },
    )
    Agency.objects.filter(pk__in=[c.pk for c in committees]).update(parent=district_agency)
    district, _ = User.objects.get_or_create(username="bench.district", defaults={"full_name": "Lãnh đạo khu vực"})
    officer_membership_grant(agency=district_agency, user=district, role=OfficerRole.DASHBOARD)
    ward, _ = User.objects.get_or_create(username="bench.ward", defaults={"full_name": "Cán bộ phường"})
    officer_membership_grant(agency=committees[0], user=ward, role=OfficerRole.HEAD)
    return {"province": province, "district": district, "ward": ward}


def measure(client, url: str, repeats: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates, URL patterns, the first connection
    timings = []
    for _ in range(repeats):
        reset_queries()  # the log keeps 9,000 queries: a seeding run fills it
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
    ordered = sorted(timings)
    return {
        "status": response.status_code,
        "queries": len(queries),
        "p50": statistics.median(timings),
        "p95": ordered[max(0, round(len(ordered) * 0.95) - 1)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed-dossiers", type=int, default=0)
    parser.add_argument("--seed-reports", type=int, default=0)
    parser.add_argument("--seed-citizens", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--p95-ms", type=float, default=0, help="fail a page whose p95 reaches this (0: report only)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from dashboards.models import DossierFact
    from dossiers.models import Dossier
    from reports.models import Report

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if args.seed_dossiers or args.seed_reports:
        seed(args.seed_dossiers, args.seed_reports, args.seed_citizens or max(100, args.seed_dossiers // 3))
    today = timezone.localdate()
    year = f"ky=y{today.year - 1}"
    span = f"from={today.year - 1}-01-01&to={today}"
    pages = [
        ("dossiers, this month", "/bang-dieu-khien/"),
        ("dossiers, last year", f"/bang-dieu-khien/?{year}"),
        ("reports, last year", f"/bang-dieu-khien/phan-anh/?{year}"),
        ("questions, last year", f"/bang-dieu-khien/hoi-dap/?{year}"),
        ("reach, last year", f"/bang-dieu-khien/nguoi-dung/?{year}"),
        ("shops", "/bang-dieu-khien/cua-hang/"),
        ("tuition, last year", f"/bang-dieu-khien/hoc-phi/?{year}"),
        ("dossiers xlsx, last year", f"/bang-dieu-khien/?{year}&xuat=xlsx"),
        ("overdue list (head)", "/bang-dieu-khien/danh-sach-ho-so/?chi-so=qua-han"),
        ("API dossiers, 23 months", f"/api/v1/dashboards/dossiers/?{span}"),
        ("API reports, 23 months", f"/api/v1/dashboards/reports/?{span}"),
        ("API questions, 23 months", f"/api/v1/dashboards/questions/?{span}"),
        ("API reach, 23 months", f"/api/v1/dashboards/reach/?{span}"),
        ("API shops", "/api/v1/dashboards/shops/"),
        ("API tuition, 23 months", f"/api/v1/dashboards/tuition/?{span}"),
    ]
    print(
        f"{Dossier.objects.count():,} dossiers, {Report.objects.count():,} reports, "
        f"{DossierFact.objects.count():,} dossier fact rows; {args.repeats} requests each"
    )
    over = False
    print(f"{'person':9} {'page':28} {'status':>6} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for who, person in people().items():
        client = Client()
        client.force_login(person)
        for name, url in pages:
            if name.startswith("overdue") and who != "ward":
                continue  # the list is for those who handle the dossiers
            result = measure(client, url, args.repeats)
            flag = ""
            if args.p95_ms and result["p95"] >= args.p95_ms:
                flag, over = f"  p95 OVER {args.p95_ms:g} ms", True
            if result["status"] != 200:
                flag, over = f"  HTTP {result['status']}", True
            print(
                f"{who:9} {name:28} {result['status']:>6} {result['queries']:>7} {result['p50']:>8.1f} "
                f"{result['p95']:>8.1f}{flag}"
            )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
