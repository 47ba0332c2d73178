"""Who sees which agency, and how officer memberships are granted and revoked."""

import pytest
from django.contrib.auth.models import Group

from agencies.models import Agency, OfficerMembership, OfficerRole
from agencies.roles import ROLE_GROUP_NAMES
from agencies.services import officer_membership_grant, officer_membership_revoke
from agencies.tests.factories import AgencyFactory, UserFactory


@pytest.mark.django_db
def test_an_officer_sees_only_their_own_agencies(officer, agency, other_agency):
    assert list(Agency.objects.for_user(officer)) == [agency]
    assert other_agency not in Agency.objects.for_user(officer)


@pytest.mark.django_db
def test_a_citizen_and_an_anonymous_visitor_see_no_agency_work(citizen, agency):
    from django.contrib.auth.models import AnonymousUser

    assert not Agency.objects.for_user(citizen).exists()
    assert not Agency.objects.for_user(AnonymousUser()).exists()


@pytest.mark.django_db
def test_a_superuser_sees_every_agency(agency, other_agency):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert set(Agency.objects.for_user(admin)) == {agency, other_agency}


@pytest.mark.django_db
def test_an_inactive_officer_sees_nothing(officer):
    officer.is_active = False
    officer.save()
    assert not Agency.objects.for_user(officer).exists()


@pytest.mark.django_db
def test_granting_a_role_gives_back_office_access_and_the_role_group(agency):
    user = UserFactory()
    assert not user.is_staff
    officer_membership_grant(agency=agency, user=user, role=OfficerRole.HEAD)
    user.refresh_from_db()
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [ROLE_GROUP_NAMES[OfficerRole.HEAD]]
    assert user.has_perm("agencies.add_officermembership")


@pytest.mark.django_db
def test_granting_again_changes_the_role_without_a_second_membership(agency):
    user = UserFactory()
    officer_membership_grant(agency=agency, user=user, role=OfficerRole.OFFICER)
    officer_membership_grant(agency=agency, user=user, role=OfficerRole.VIEWER)
    membership = OfficerMembership.objects.get(user=user)
    assert membership.role == OfficerRole.VIEWER
    assert list(user.groups.values_list("name", flat=True)) == [ROLE_GROUP_NAMES[OfficerRole.VIEWER]]


@pytest.mark.django_db
def test_revoking_the_last_membership_removes_back_office_access(agency, other_agency):
    user = UserFactory()
    first = officer_membership_grant(agency=agency, user=user, role=OfficerRole.HEAD)
    officer_membership_grant(agency=other_agency, user=user, role=OfficerRole.OFFICER)
    officer_membership_revoke(membership=first)
    user.refresh_from_db()
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [ROLE_GROUP_NAMES[OfficerRole.OFFICER]]
    officer_membership_revoke(membership=OfficerMembership.objects.get(user=user))
    user.refresh_from_db()
    assert not user.is_staff
    assert not user.groups.exists()


@pytest.mark.django_db
def test_the_role_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_GROUP_NAMES.values())
    viewer = Group.objects.get(name=ROLE_GROUP_NAMES[OfficerRole.VIEWER])
    assert not viewer.permissions.filter(codename__startswith="add_").exists()


@pytest.mark.django_db
def test_an_agency_cannot_be_its_own_ancestor():
    from django.core.exceptions import ValidationError

    parent = AgencyFactory()
    child = AgencyFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as error:
        parent.full_clean()
    assert "parent" in error.value.message_dict


@pytest.mark.django_db
def test_a_ward_committee_must_sit_in_a_ward_of_its_province():
    from django.core.exceptions import ValidationError

    from agencies.tests.factories import ProvinceFactory, WardFactory

    other_province = ProvinceFactory(code=79, name="Hồ Chí Minh", codename="ho_chi_minh")
    agency = AgencyFactory.build(ward=WardFactory(), province=other_province)
    with pytest.raises(ValidationError) as error:
        agency.full_clean()
    assert "ward" in error.value.message_dict
