"""Shared fixtures: the geography, agencies and the three personas of HOUSE_STYLE §22 (the owner, another
citizen, an officer of another agency)."""

import pytest

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
