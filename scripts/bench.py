"""Throughput and latency of every public page and API beside a bare Django view, with production settings.

The portal (DEBUG off, gunicorn, 2 sync workers, WhiteNoise, GZip, the cache in Redis db 15 when Redis answers on
127.0.0.1:6379) and `scripts/bare_django.py` (one view that answers "ok", served the same way) run side by side
against the database in DATABASE_URL. For each page the script alternates bare and portal: the peak with `wrk`
(16 connections; after a warm-up, three runs of each, the best kept), then the latency at a fixed 200 req/s
with `hey` (4 workers at 50 req/s each; three runs of each, the median kept). Bare's runs between the pages
swing on a shared machine, so each page is compared with their median. It prints the SQL queries one request
makes, the peak and its share of bare, p50/p95/p99 at 200 req/s and the p95 as a multiple of bare's; then the
officers' queues (scripts/queue_budget.py) with their p95. It exits 1 when a budget fails:

- every public page and API list holds 200 req/s with p95 ≤ 3× bare, and peaks at ≥ 25% of bare (home ≥ 40%);
- officers' queues (dossiers, reports) p95 < 300 ms.

    make bench                                        # DATABASE_URL's database (a scratch one!) or a fresh SQLite
    DATABASE_URL=postgres://…/cp_big .venv/bin/python scripts/bench.py --seconds 10      # an already seeded database
    .venv/bin/python scripts/bench.py --seed-dossiers 1000000 --seed-reports 300000   # seed first (scratch DB!)

wrk and hey come from Debian; the script installs them when missing (apt-get, as root). Measure on a quiet
machine: these are shared, so only the ratios to bare in the same run mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from page_weight import free_port, manage, production_environment, serve  # noqa: E402

RATE = 200
PEAK_SHARE = 0.25
HOME_PEAK_SHARE = 0.40
P95_RATIO = 3.0
QUEUE_P95_MS = 300
BENCH_REDIS = "redis://127.0.0.1:6379/15"

# (name, path, minimum peak as a share of bare). `{…}` is filled from the database (see `inspect`).
PAGES = [
    ("home", "/", HOME_PEAK_SHARE),
    ("catalogue", "/ho-so/", PEAK_SHARE),
    ("catalogue, search", "/ho-so/?q=khai+sinh", PEAK_SHARE),
    ("procedure page", "/ho-so/thu-tuc/{procedure}/", PEAK_SHARE),
    ("status lookup", "/ho-so/tra-cuu/?ma={dossier}", PEAK_SHARE),
    ("reports", "/phan-anh/", PEAK_SHARE),
    ("reports, open in a ward", "/phan-anh/?status=open&ward={ward}", PEAK_SHARE),
    ("reports, one group", "/phan-anh/?group={group}", PEAK_SHARE),
    ("reports, search", "/phan-anh/?q=den+duong", PEAK_SHARE),
    ("reports, 500 pages deep", "/phan-anh/?{deep}", PEAK_SHARE),
    ("report page", "/phan-anh/{report}/", PEAK_SHARE),
    ("Open311 services", "/open311/v2/services.json", PEAK_SHARE),
    ("Open311 requests", "/open311/v2/requests.json", PEAK_SHARE),
    ("Open311 requests, page 5", "/open311/v2/requests.json?page=5", PEAK_SHARE),
    ("API reports", "/api/v1/reports/", PEAK_SHARE),
    ("API reports, open", "/api/v1/reports/?status=open", PEAK_SHARE),
    ("API procedures", "/api/v1/procedures/", PEAK_SHARE),
    ("search", "/tim-kiem/?q=giay+khai+sinh", PEAK_SHARE),
    ("API search", "/api/v1/search/?q=dang+ky+ket+hon", PEAK_SHARE),
    ("Q&A list", "/hoi-dap/", PEAK_SHARE),
    ("Q&A answer", "/hoi-dap/{question}/", PEAK_SHARE),
]


def ensure_load_tools() -> None:
    missing = [tool for tool in ("wrk", "hey") if shutil.which(tool) is None]
    if not missing:
        return
    if os.geteuid() != 0:
        raise SystemExit(f"missing {', '.join(missing)}: sudo apt-get install -y {' '.join(missing)}")
    print(f"installing {', '.join(missing)} from Debian…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env, stdout=subprocess.DEVNULL)


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def portal_environment(workdir: Path, database_url: str) -> dict[str, str]:
    env = production_environment(workdir)
    env.update({"DATABASE_URL": database_url, "LOOKUP_PER_HOUR_IP": "1000000"})
    if redis_reachable():  # as in production: the cache (shared pages, rate limits) in Redis, its own db here
        env.pop("SINGLE_PROCESS_LIMITS", None)
        env["REDIS_URL"] = BENCH_REDIS
    return env


def wrk_peak(url: str, seconds: float) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{max(1, round(seconds))}s", url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {"rps": rps, "bad": int(bad.group(1)) if bad else 0}


def hey_fixed_rate(url: str, seconds: float, rate: int) -> dict:
    # hey's workers all tick together: 20 of them would arrive as bursts of 20 every 100 ms, which measures the
    # queue in front of 2 workers more than the page. Four keep the rate with bursts a real crowd also makes.
    workers = 4
    out = subprocess.run(
        ["hey", "-z", f"{max(1, round(seconds))}s", "-c", str(workers), "-q", str(rate / workers), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    percentiles = {int(p): float(s) * 1000 for p, s in re.findall(r"(\d+)%+ in ([\d.]+) secs", out)}
    statuses = {int(code): int(n) for code, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", out)}
    return {
        # Answers per second of the run: hey's own figure also counts the wait for the last answer.
        "rps": sum(statuses.values()) / max(1, round(seconds)),
        "p50": percentiles.get(50, 0.0),
        "p95": percentiles.get(95, 0.0),
        "p99": percentiles.get(99, 0.0),
        "bad": sum(n for code, n in statuses.items() if code >= 400),
    }


def _median_run(runs: list[dict]) -> dict:
    """Each figure the median of the repeated runs; errors added up."""
    merged = {key: statistics.median(run[key] for run in runs) for key in ("rps", "p50", "p95", "p99")}
    merged["bad"] = sum(run["bad"] for run in runs)
    return merged


def inspect(paths: list[str]) -> None:
    """In a child process with the portal's settings: fill the placeholders and count each page's queries."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from citizen_portal.scale import page_examples

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # count what a page costs when it is built, not when it is shared
    values = page_examples(depth=500 * 20)
    result = []
    client = Client()
    for path in paths:
        path = path.format(**values)
        client.get(path)  # warm: the first request of a process pays for imports and template compiling
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        result.append({"path": path, "status": response.status_code, "queries": len(queries)})
    print(json.dumps(result))


def seed(env: dict[str, str], dossiers: int, reports: int) -> None:
    print(f"seeding {dossiers:,} dossiers and {reports:,} reports (manage.py seed_scale --label bench)…", flush=True)
    citizens = max(100, dossiers // 5)
    sizes = [f"--dossiers={dossiers}", f"--reports={reports}", f"--citizens={citizens}"]
    out = manage(env, "seed_scale", "--label", "bench", *sizes)
    print("  " + out.strip().splitlines()[-1], flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5, help="length of each wrk and hey run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for both servers")
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="peak runs (best kept) and fixed-rate runs (median kept) per page",
    )
    parser.add_argument("--demo", action="store_true", help="a fresh SQLite scratch database (without DATABASE_URL)")
    parser.add_argument("--seed-dossiers", type=int, default=0)
    parser.add_argument("--seed-reports", type=int, default=0)
    parser.add_argument("--only", help="measure only pages whose name contains this")
    parser.add_argument("--inspect", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inspect is not None:
        inspect(args.inspect)
        return 0

    ensure_load_tools()
    database_url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory() as workdir:
        if args.demo or not database_url:
            database_url = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
        env = portal_environment(Path(workdir), database_url)
        manage(env, "collectstatic", "--noinput")
        manage(env, "migrate", "--noinput")
        manage(env, "load_geography")  # both are idempotent: the demo's officer and pages are always there
        manage(env, "seed_demo")
        if args.seed_dossiers or args.seed_reports:
            seed(env, args.seed_dossiers, args.seed_reports)
        manage(env, "shell", "-c", "from django.core.cache import cache; cache.clear()")  # no page of another run

        pages = [page for page in PAGES if not args.only or args.only in page[0]]
        inspected = subprocess.run(
            [sys.executable, __file__, "--inspect", *[path for _, path, _ in pages]],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "citizen_portal.settings"},
            capture_output=True,
            text=True,
        )
        if inspected.returncode != 0:
            raise SystemExit(f"inspecting the pages failed:\n{inspected.stderr[-3000:]}")
        details = json.loads(inspected.stdout.strip().splitlines()[-1])

        app_port, bare_port = free_port(), free_port()
        app = serve(["citizen_portal.wsgi"], app_port, env, args.workers)
        bare = serve(["--chdir", "scripts", "bare_django:application"], bare_port, env, args.workers)
        failures = []
        try:
            print(
                f"\n{args.workers} gunicorn workers each; {database_url.split('@')[-1]}; {args.seconds:g} s a run; "
                f"latency at {RATE} req/s\n"
            )
            measured = []
            for (name, _, min_share), detail in zip(pages, details, strict=True):
                print(f"  measuring {name}…", flush=True)
                bare_url, app_url = f"http://127.0.0.1:{bare_port}/", f"http://127.0.0.1:{app_port}{detail['path']}"
                for url in (bare_url, app_url):  # not measured: fills caches and connections first
                    wrk_peak(url, 1)
                # A neighbour's burst only ever lowers a peak, never raises it: the best of the alternating runs is
                # the closest to what each server can do (the first page once fell to 36% of bare in CI, 52% rerun).
                bare_peaks, app_peaks = [], []
                for _ in range(args.repeats):
                    bare_peaks.append(wrk_peak(bare_url, args.seconds))
                    app_peaks.append(wrk_peak(app_url, args.seconds))
                bare_peak = max(bare_peaks, key=lambda run: run["rps"])
                app_peak = max(app_peaks, key=lambda run: run["rps"])
                app_peak = {**app_peak, "bad": sum(run["bad"] for run in app_peaks)}
                bare_rates, app_rates = [], []
                for _ in range(args.repeats):  # a p95 of a few ms moves with every hiccup: the median of repeats
                    bare_rates.append(hey_fixed_rate(f"http://127.0.0.1:{bare_port}/", args.seconds, RATE))
                    app_rates.append(hey_fixed_rate(f"http://127.0.0.1:{app_port}{detail['path']}", args.seconds, RATE))
                measured.append((name, min_share, detail, bare_peak, app_peak, bare_rates, _median_run(app_rates)))
        finally:
            for server in (app, bare):
                server.terminate()
                server.wait(timeout=10)

        # Bare's figures swing by up to 2× from one short run to the next on a shared machine (its peak from 2,600 to
        # 4,500 req/s in one run here): each page is compared with the median of bare's figures taken between the
        # pages (for the peak, the median of bare's best per page).
        bare95 = statistics.median(run["p95"] for m in measured for run in m[5])
        bare_peak = statistics.median(m[3]["rps"] for m in measured)
        print(
            f"\nbare Django, median of its runs between the {len(measured)} pages: peak {bare_peak:.0f} req/s, "
            f"p95 at {RATE} req/s {bare95:.1f} ms\n"
        )
        print(
            f"{'page':26} {'queries':>7} {'peak/s':>7} {'share':>6}   "
            f"{'p50':>6} {'p95':>6} {'p99':>6} {'×bare':>6} {'held/s':>6}"
        )
        for name, min_share, detail, _, app_peak, _, app_rate in measured:
            share = app_peak["rps"] / bare_peak
            ratio = app_rate["p95"] / max(bare95, 0.1)
            problems = []
            if detail["status"] != 200 or app_peak["bad"] or app_rate["bad"]:
                problems.append(f"HTTP {detail['status']}, {app_peak['bad'] + app_rate['bad']} errors")
            if share < min_share:
                problems.append(f"peak {share:.0%} < {min_share:.0%} of bare")
            if ratio > P95_RATIO:
                problems.append(f"p95 {ratio:.1f}× bare > {P95_RATIO:g}×")
            if app_rate["rps"] < RATE * 0.95:
                problems.append(f"held {app_rate['rps']:.0f} < {RATE} req/s")
            print(
                f"{name:26} {detail['queries']:>7} {app_peak['rps']:>7.0f} {share:>6.0%}   "
                f"{app_rate['p50']:>6.1f} {app_rate['p95']:>6.1f} {app_rate['p99']:>6.1f} {ratio:>6.1f} "
                f"{app_rate['rps']:>6.0f}" + (f"  FAILS: {'; '.join(problems)}" if problems else "")
            )
            if problems:
                failures.append(name)

        print(f"\nofficers' queues (scripts/queue_budget.py, in-process, production settings), p95 < {QUEUE_P95_MS} ms")
        queues = subprocess.run(
            [sys.executable, "scripts/queue_budget.py", "--repeats", "20", "--p95-ms", str(QUEUE_P95_MS)],
            cwd=ROOT,
            env={**env, "DEBUG": "0"},
        )
        if queues.returncode != 0:
            failures.append("officers' queues")

    if failures:
        print(f"\nBUDGET FAILED: {', '.join(failures)}")
        return 1
    print(
        f"\nAll within budget: {RATE} req/s held with p95 ≤ {P95_RATIO:g}× bare, peak ≥ {PEAK_SHARE:.0%} of bare "
        f"(home ≥ {HOME_PEAK_SHARE:.0%}), officers' queues p95 < {QUEUE_P95_MS} ms."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
