"""How the mini app's first screen reaches a cheap phone: each build (miniapp/dist with the real zmp-sdk,
miniapp/dist-shim for the tests) served compressed on its own origin, opened in Debian's Chromium as a 360×640
phone on a slow network (560 ms latency, 1.6 Mbit/s, 4× slower CPU), timed until the home tiles are on screen;
then the repeat view (hashed assets from the cache). Prints bytes on the wire and times. The home screen calls no
API, so no server is needed.

    .venv/bin/python scripts/miniapp_load.py            # both builds, 3 runs each, the median printed
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citizen_portal.settings")
os.environ.setdefault("DEBUG", "1")  # only to read BASE_DIR; nothing of Django is served here

import django  # noqa: E402

django.setup()

from citizen_portal.miniapp_host import MiniAppHost  # noqa: E402
from scripts.page_weight import CPU_SLOWDOWN, SLOW_NETWORK  # noqa: E402
from tests.browser.chromium import CHROMIUM_FLAGS, chromium_path  # noqa: E402


def load(context, url: str) -> tuple[int, float]:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    started = time.monotonic()
    page.goto(url)
    page.wait_for_selector(".tiles a")
    shown_ms = (time.monotonic() - started) * 1000
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)
    page.close()
    return sum(sizes.values()), shown_ms


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    executable = chromium_path()
    if executable is None:
        print("no Chromium (apt-get install chromium)")
        return 1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        for build in ("dist", "dist-shim"):
            root = ROOT / "miniapp" / build
            if not (root / "index.html").exists():
                print(f"miniapp/{build}: not built (make miniapp)")
                continue
            host = MiniAppHost(api="http://127.0.0.1:9", zalo_simulator="http://127.0.0.1:9", root=root).start()
            firsts, repeats = [], []
            for _ in range(args.runs):
                context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, locale="vi-VN")
                firsts.append(load(context, host.url + "/"))
                repeats.append(load(context, host.url + "/"))
                context.close()
            host.stop()
            first_bytes, first_ms = firsts[0][0], statistics.median(ms for _, ms in firsts)
            repeat_bytes, repeat_ms = repeats[0][0], statistics.median(ms for _, ms in repeats)
            print(f"miniapp/{build}: home screen on a slow phone (median of {args.runs})")
            print(f"  first open   {first_bytes:>7} B on the wire, tiles on screen after {first_ms:6.0f} ms")
            print(f"  repeat open  {repeat_bytes:>7} B on the wire, tiles on screen after {repeat_ms:6.0f} ms")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
