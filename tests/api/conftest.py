from dossiers.tests.conftest import catalogue, media, verified_citizen  # noqa: F401
