"""Shared fixtures: the geography, agencies and the three personas of HOUSE_STYLE §22 (the owner, another
citizen, an officer of another agency)."""

import threading

import pytest
from django.conf import settings as django_settings
from django.db import connection

from agencies.tests.factories import AgencyFactory, CitizenFactory, OfficerFactory, consented
from notifications.zalo import oa_token_store
from notifications.zalo_simulator import ZaloSimulator, templates_from_files


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    """Uploads and slips written by tests never land in the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and cached figures must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing strength is Django's concern; our tests only need passwords to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def geography(db):
    from agencies.services import geography_load

    return geography_load()


@pytest.fixture
def agency(db):
    return AgencyFactory(name="UBND phường Tân Ninh")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="UBND xã Bến Lức")


@pytest.fixture
def citizen(db):
    return consented(CitizenFactory(full_name="Nguyễn Văn An"))


@pytest.fixture
def other_citizen(db):
    return consented(CitizenFactory(full_name="Trần Thị Bích"))


@pytest.fixture
def officer(agency):
    return OfficerFactory(agency=agency)


@pytest.fixture
def other_officer(other_agency):
    return OfficerFactory(agency=other_agency)


@pytest.fixture
def run_concurrently():
    """Run `work` in `count` threads released at the same instant, each on its own database connection;
    return their results. Needs PostgreSQL (SQLite test databases cannot be shared between connections)."""
    if connection.vendor == "sqlite":
        pytest.skip("needs concurrent connections; runs on PostgreSQL in CI")

    def run(work, count: int = 4) -> list:
        barrier = threading.Barrier(count)
        results = []

        def worker():
            barrier.wait()
            try:
                results.append(work())
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    return run


@pytest.fixture
def zalo(settings, db):
    """A Zalo simulator on 127.0.0.1 and our settings pointing at it, with a valid OA token pair stored.
    The app id and secret stay the configured ones, which the allauth Zalo provider also uses."""
    simulator = ZaloSimulator(
        app_id=django_settings.ZALO["APP_ID"],
        app_secret=django_settings.ZALO["APP_SECRET"],
        templates=templates_from_files(django_settings.BASE_DIR / "templates" / "notifications"),
    ).start()
    settings.ZALO = {
        **django_settings.ZALO,
        "OAUTH_URL": simulator.url,
        "GRAPH_URL": simulator.url,
        "OPENAPI_URL": simulator.url,
        "BUSINESS_URL": simulator.url,
        "TIMEOUT_SECONDS": 5,
    }
    access, refresh = simulator.issue_tokens()
    oa_token_store(access_token=access, refresh_token=refresh, expires_in=3600)
    simulator.initial_access_token = access
    yield simulator
    simulator.stop()


class PhoneInbox:
    """What a citizen's phone received through the simulator (ZNS and SMS), as `make run`'s message page shows it.
    Codes never go to logs, so this is where tests read them."""

    def __init__(self, simulator):
        self.simulator = simulator

    def without_zalo(self, phone: str) -> None:
        """This number has no Zalo account: ZNS fails and the message falls back to SMS."""
        self.simulator.state.phones_without_zalo.add(phone.lstrip("+"))

    def messages_to(self, phone: str) -> list[dict]:
        return [m for m in self.simulator.messages() if m.get("phone") == phone.lstrip("+")]

    def last_code(self, phone: str) -> str:
        import re

        for message in reversed(self.messages_to(phone)):
            text = message.get("text") or " ".join(str(v) for v in (message.get("template_data") or {}).values())
            found = re.search(r"\b(\d{6})\b", text)
            if found:
                return found.group(1)
        raise AssertionError(f"no code reached {phone}")


@pytest.fixture
def sms_gateway(zalo, settings):
    settings.SMS_PROVIDER = "notifications.sms.SimulatorSmsProvider"
    settings.SMS_SIMULATOR_URL = zalo.url
    return PhoneInbox(zalo)
