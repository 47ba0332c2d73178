"""The back office in Vietnamese, scoped to the officer's agencies."""

import pytest

from agencies.models import OfficerMembership, OfficerRole
from agencies.services import officer_membership_grant
from agencies.tests.factories import UserFactory, with_totp


@pytest.mark.django_db
def test_the_admin_speaks_vietnamese_and_signs_in_through_the_officer_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/tai-khoan/login/?next=/admin/")
    assert "Đăng nhập" in response.content.decode()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "Cổng Công dân — Quản trị" in page
    assert "Cơ quan và địa giới hành chính" in page


@pytest.mark.django_db
def test_an_officer_lists_only_their_agencies(client, officer, agency, other_agency):
    client.force_login(officer)
    response = client.get("/admin/agencies/agency/")
    assert response.status_code == 200
    page = response.content.decode()
    assert agency.name in page
    assert other_agency.name not in page
    assert client.get(f"/admin/agencies/agency/{other_agency.pk}/change/").status_code in (302, 404)


@pytest.mark.django_db
def test_a_citizen_cannot_enter_the_back_office(client, citizen):
    client.force_login(citizen)
    response = client.get("/admin/agencies/agency/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_a_head_adds_an_officer_to_their_agency_through_the_service(client, agency):
    head = UserFactory()
    officer_membership_grant(agency=agency, user=head, role=OfficerRole.HEAD)
    with_totp(head)
    newcomer = UserFactory(username="canbo.moi")
    client.force_login(head)
    response = client.post(
        "/admin/agencies/officermembership/add/",
        {"user": newcomer.pk, "agency": agency.pk, "role": OfficerRole.OFFICER},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    newcomer.refresh_from_db()
    assert newcomer.is_staff  # the service ran: groups and staff access follow the membership
    assert OfficerMembership.objects.filter(user=newcomer, agency=agency, role=OfficerRole.OFFICER).exists()


@pytest.mark.django_db
def test_a_head_cannot_add_officers_to_another_agency(client, agency, other_agency):
    head = UserFactory()
    officer_membership_grant(agency=agency, user=head, role=OfficerRole.HEAD)
    with_totp(head)
    newcomer = UserFactory()
    client.force_login(head)
    response = client.post(
        "/admin/agencies/officermembership/add/",
        {"user": newcomer.pk, "agency": other_agency.pk, "role": OfficerRole.OFFICER},
    )
    assert response.status_code == 200  # the form is shown again with an error
    assert "agency" in response.context["adminform"].form.errors
    assert not OfficerMembership.objects.filter(user=newcomer).exists()


@pytest.mark.django_db
def test_a_plain_officer_cannot_manage_memberships(client, officer, agency):
    client.force_login(officer)
    newcomer = UserFactory()
    response = client.post(
        "/admin/agencies/officermembership/add/",
        {"user": newcomer.pk, "agency": agency.pk, "role": OfficerRole.OFFICER},
    )
    assert response.status_code == 403
    assert not OfficerMembership.objects.filter(user=newcomer).exists()


@pytest.mark.django_db
def test_a_superuser_manages_wards_search_without_diacritics(client, geography):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/agencies/ward/", {"q": "hung dien"})
    assert response.status_code == 200
    assert "Xã Hưng Điền" in response.content.decode()
    assert client.get("/admin/agencies/calendarexception/add/").status_code == 200


@pytest.mark.django_db
def test_the_calendar_page_lists_the_national_days_already_counted(client, officer, settings):
    from django.utils import timezone

    client.force_login(officer)
    response = client.get("/admin/agencies/calendarexception/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Năm {timezone.localdate().year}" in page
    assert "Quốc khánh" in page
    assert "Tết Nguyên Đán" in page
