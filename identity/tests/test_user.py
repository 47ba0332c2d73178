import pytest

from identity.models import IdentityLevel, User


@pytest.mark.django_db
def test_many_users_without_a_phone_can_coexist():
    User.objects.create(username="a", phone="")
    User.objects.create(username="b", phone="")
    assert User.objects.filter(phone__isnull=True).count() == 2


@pytest.mark.django_db
def test_a_phone_belongs_to_one_user_only():
    from django.db import IntegrityError, transaction

    User.objects.create(username="a", phone="+84912345678")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="b", phone="+84912345678")


@pytest.mark.django_db
def test_new_users_start_unidentified_with_a_public_id():
    user = User.objects.create(username="moi", full_name="Lê Văn Cường")
    assert user.identity_level == IdentityLevel.NONE
    assert user.public_id is not None
    assert str(user) == "Lê Văn Cường"


@pytest.mark.django_db
def test_an_officer_adds_a_user_without_a_phone_in_the_back_office(client):
    from agencies.tests.factories import UserFactory

    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    User.objects.create(username="khong.so")
    client.force_login(admin)
    response = client.post(
        "/admin/identity/user/add/",
        {
            "username": "khong.so.2",
            "full_name": "Phạm Thị Dung",
            "phone": "",
            "password1": "",
            "password2": "",
            "usable_password": "false",
        },
    )
    assert response.status_code == 302, [f.errors for f in [response.context["adminform"].form]]
    assert User.objects.get(username="khong.so.2").phone is None
