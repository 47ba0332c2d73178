"""Playwright driving Debian's Chromium (/usr/bin/chromium); no browser download ever happens.

Browser tests skip only when no Chromium is installed, and CI sets REQUIRE_BROWSER=1 to turn that skip into a
failure (so does CI=true).
"""

import os

import pytest

# The dossier and report fixtures the back-office browser tests build on.
from dossiers.tests.conftest import catalogue, media, submitted_birth_registration, verified_citizen  # noqa: F401
from reports.tests.conftest import categories, roads_agency  # noqa: F401
from tests.browser.chromium import CHROMIUM_FLAGS, chromium_path


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true":
            pytest.fail("REQUIRE_BROWSER=1 but no Chromium found (apt-get install chromium)")
        pytest.skip("no Chromium installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from fixtures stay synchronous.
    # Only while the browser runs: the variable must not leak into other tests' subprocesses.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone(browser):
    """A cheap Android phone in Zalo's in-app browser: 360×640, touch, Vietnamese."""
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True, device_scale_factor=2, locale="vi-VN"
    )
    yield context
    context.close()


@pytest.fixture
def phone_at(browser):
    """The same phone, with the location it would report (permission already given to the page)."""
    contexts = []

    def at(place: dict):
        context = browser.new_context(
            viewport={"width": 360, "height": 640},
            is_mobile=True,
            has_touch=True,
            device_scale_factor=2,
            locale="vi-VN",
            geolocation=place,
            permissions=["geolocation"],
        )
        contexts.append(context)
        return context

    yield at
    for context in contexts:
        context.close()


@pytest.fixture
def sign_in(live_server):
    """Put a Django session for `user` into a browser context (citizens have no password to type)."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.test import Client

    def sign_in_as(context, user) -> None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "domain": urlsplit(live_server.url).hostname,
                    "path": "/",
                }
            ]
        )

    return sign_in_as


@pytest.fixture
def report_setting(db):
    """A ward committee that answers fallen trees, and a citizen who agreed to the personal-data notice."""
    from tests.browser.test_browser_report import make_setting

    return make_setting()
