"""Fixtures of the back-office tests: the dossier and report fixtures of those apps, and the world built on them."""

from citizen_portal.tests.backoffice_world import world  # noqa: F401
from dossiers.tests.conftest import catalogue, media, submitted_birth_registration, verified_citizen  # noqa: F401
from reports.tests.conftest import categories, roads_agency  # noqa: F401
