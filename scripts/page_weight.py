"""Page-weight budget for citizen pages, measured the way a phone receives them.

Starts the app as in production (DEBUG off, gunicorn, WhiteNoise with compressed static files, GZip for HTML),
loads each page in Debian's Chromium as a 360×640 phone on a throttled slow network, adds up the bytes on the
wire (`encodedDataLength`, headers included) by resource type, and prints them with the number of requests.
Then loads the page again in the same browser to show the repeat view. Exits 1 when a page is over budget.

    .venv/bin/python scripts/page_weight.py                 # the home page
    .venv/bin/python scripts/page_weight.py / /ho-so/ /dang-nhap/ --budget-kb 30
    .venv/bin/python scripts/page_weight.py --demo /phan-anh/ /phan-anh/{report}/   # with the demo data loaded

With --demo the measured database holds the demo (seed_demo, photos included); `{report}` in a path becomes the
code of the newest public field report, `{shop}` the code of the first listed 4.0 shop, `{article}` the newest
published article's slug, and the path `{receipt}`
the public check of the newest e-receipt.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import CHROMIUM_FLAGS, chromium_path  # noqa: E402

# A cheap Android phone on a slow mobile network (../shared/MEASURING.md).
SLOW_NETWORK = {"offline": False, "latency": 560, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(workdir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SINGLE_PROCESS_LIMITS": "1",  # a measurement, not a deployment: no Redis needed
            "SECURE_SSL_REDIRECT": "0",  # measured over plain HTTP on loopback
            "STATIC_ROOT": str(workdir / "static"),
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
        }
    )
    return env


def manage(env: dict[str, str], *command: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def serve(arguments: list[str], port: int, env: dict[str, str], workers: int = 2) -> subprocess.Popen:
    """gunicorn with `arguments` (the WSGI application first), back once it answers anything on /."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *arguments, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return server
        except urllib.error.HTTPError:  # an answer all the same (a redirect, a 404): the server is up
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn {' '.join(arguments)} did not start within 30 s")


def start_server(env: dict[str, str], port: int, demo: bool = False) -> subprocess.Popen:
    for command in [["collectstatic", "--noinput"], ["migrate", "--noinput"]] + ([["seed_demo"]] if demo else []):
        manage(env, *command)
    return serve(["citizen_portal.wsgi"], port, env)


def newest_report_code(env: dict[str, str]) -> str:
    return _shell(env, "from reports.models import Report; print(Report.objects.public().latest('received_at').code)")


def first_shop_code(env: dict[str, str]) -> str:
    return _shell(env, "from shops.models import Shop; print(Shop.objects.listed().order_by('code').first().code)")


def newest_receipt_path(env: dict[str, str]) -> str:
    """The public check of the newest receipt (the address its QR code carries)."""
    code = "from payments.models import Receipt; print(Receipt.objects.latest('issued_at').signed_token())"
    return f"/bien-lai/{_shell(env, code)}/"


def _shell(env: dict[str, str], code: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def measure(context, url: str, *, throttle: bool) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if throttle:
        cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    types: dict[str, str] = {}
    sizes: dict[str, int] = defaultdict(int)
    statuses: list[int] = []
    cdp.on(
        "Network.responseReceived",
        lambda e: (types.__setitem__(e["requestId"], e["type"]), statuses.append(e["response"]["status"])),
    )
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    started = time.monotonic()
    page.goto(url, wait_until="load")
    load_ms = (time.monotonic() - started) * 1000
    # Lazy images and late requests do not hold up "load" but still cost the phone: count them too.
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)  # let the last loadingFinished events arrive
    by_type: dict[str, int] = defaultdict(int)
    for request_id, size in sizes.items():
        by_type[types.get(request_id, "Other")] += size
    page.close()
    return {
        "by_type": dict(by_type),
        "total": sum(sizes.values()),
        "requests": len(sizes),
        "load_ms": load_ms,
        "statuses": statuses,
    }


def report(path: str, first: dict, repeat: dict) -> None:
    kinds = {"Document": "HTML", "Stylesheet": "CSS", "Script": "JS", "Image": "images", "Font": "fonts"}
    print(f"\n{path}")
    print(f"  {'':<10}{'first load':>14}{'repeat view':>14}")
    for cdp_type, label in kinds.items():
        print(f"  {label:<10}{first['by_type'].get(cdp_type, 0):>12} B{repeat['by_type'].get(cdp_type, 0):>12} B")
    other_first = first["total"] - sum(first["by_type"].get(t, 0) for t in kinds)
    other_repeat = repeat["total"] - sum(repeat["by_type"].get(t, 0) for t in kinds)
    print(f"  {'other':<10}{other_first:>12} B{other_repeat:>12} B")
    print(f"  {'total':<10}{first['total']:>12} B{repeat['total']:>12} B")
    print(f"  {'requests':<10}{first['requests']:>14}{repeat['requests']:>14}")
    print(f"  {'statuses':<10}{' '.join(map(str, first['statuses'])):>14}  {' '.join(map(str, repeat['statuses']))}")
    print(f"  {'load (slow 3G, 4× CPU)':<10} {first['load_ms']:.0f} ms first, {repeat['load_ms']:.0f} ms repeat")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=["/"])
    parser.add_argument("--budget-kb", type=float, default=30.0, help="first-load budget per page (KB = 1024 B)")
    parser.add_argument("--no-throttle", action="store_true", help="measure without network/CPU throttling")
    parser.add_argument("--demo", action="store_true", help="load the demo data (seed_demo) before measuring")
    args = parser.parse_args()

    executable = chromium_path()
    if executable is None:
        print("No Chromium found: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    over_budget = []
    with tempfile.TemporaryDirectory() as workdir:
        port = free_port()
        env = production_environment(Path(workdir))
        server = start_server(env, port, demo=args.demo)
        paths = [
            path.replace("{report}", newest_report_code(env)) if "{report}" in path else path for path in args.paths
        ]
        paths = [newest_receipt_path(env) if path == "{receipt}" else path for path in paths]
        if any("{article}" in path for path in paths):
            article = _shell(
                env, "from media_feeds.models import Article; print(Article.objects.public().first().slug)"
            )
            paths = [path.replace("{article}", article) for path in paths]
        if any("{shop}" in path for path in paths):
            shop = first_shop_code(env)
            paths = [path.replace("{shop}", shop) for path in paths]
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
                print(f"Page weight, production settings, Chromium {browser.version}, 360×640 phone")
                for path in paths:
                    context = browser.new_context(
                        viewport={"width": 360, "height": 640},
                        is_mobile=True,
                        has_touch=True,
                        device_scale_factor=2,
                        locale="vi-VN",
                    )
                    url = f"http://127.0.0.1:{port}{path}"
                    first = measure(context, url, throttle=not args.no_throttle)
                    repeat = measure(context, url, throttle=not args.no_throttle)
                    context.close()
                    report(path, first, repeat)
                    if first["total"] > args.budget_kb * 1024:
                        over_budget.append(path)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    budget = f"{args.budget_kb:g} KB"
    if over_budget:
        print(f"\nOVER BUDGET ({budget} first load): {', '.join(over_budget)}")
        return 1
    print(f"\nAll pages within budget ({budget} first load).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
