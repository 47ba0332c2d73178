import pytest

from notifications.models import NotificationPreference


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
