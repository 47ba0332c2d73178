"""Shared fixtures: the geography, agencies and the three personas of HOUSE_STYLE §22 (the owner, another
citizen, an officer of another agency)."""

import threading

import pytest
from django.db import connection

from agencies.tests.factories import AgencyFactory, CitizenFactory, OfficerFactory


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
    return CitizenFactory(full_name="Nguyễn Văn An")


@pytest.fixture
def other_citizen(db):
    return CitizenFactory(full_name="Trần Thị Bích")


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
