import pytest
from django.conf import settings as django_settings

from notifications.models import NotificationPreference
from notifications.zalo import oa_token_store
from notifications.zalo_simulator import ZaloSimulator, templates_from_files


@pytest.fixture
def zalo(settings, db):
    """A Zalo simulator on 127.0.0.1 and our settings pointing at it, with a valid OA token pair stored."""
    simulator = ZaloSimulator(
        app_id="test-app",
        app_secret="test-secret",
        templates=templates_from_files(django_settings.BASE_DIR / "templates" / "notifications"),
    ).start()
    settings.ZALO = {
        **django_settings.ZALO,
        "APP_ID": "test-app",
        "APP_SECRET": "test-secret",
        "OAUTH_URL": simulator.url,
        "OPENAPI_URL": simulator.url,
        "BUSINESS_URL": simulator.url,
        "TIMEOUT_SECONDS": 5,
    }
    access, refresh = simulator.issue_tokens()
    oa_token_store(access_token=access, refresh_token=refresh, expires_in=3600)
    simulator.initial_access_token = access
    yield simulator
    simulator.stop()


@pytest.fixture
def reachable_citizen(citizen, zalo):
    """A citizen with a phone (ZNS), following the OA, and an e-mail address."""
    zalo.add_follower("oa-user-an")
    citizen.email = "an.nguyen@example.vn"
    citizen.save()
    NotificationPreference.objects.create(user=citizen, zalo_oa_user_id="oa-user-an")
    return citizen


DOSSIER_FACTS = {
    "dossier_code": "TNH-UB-25459-261123-0001",
    "procedure_name": "Đăng ký khai sinh",
    "agency_name": "UBND phường Tân Ninh",
}
