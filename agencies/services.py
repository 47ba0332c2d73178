"""Writes for the agencies app: loading the geography and granting/revoking officer memberships."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from agencies.models import Agency, OfficerMembership, OfficerRole, Province, Ward
from agencies.roles import ROLE_GROUP_NAMES
from citizen_portal.text import fold_vietnamese


@dataclass(frozen=True)
class GeographyLoadResult:
    provinces: int
    wards: int
    provinces_created: int
    wards_created: int


@transaction.atomic
def geography_load() -> GeographyLoadResult:
    """Insert or update the 34 provinces and 3,321 wards from the `vietnam-provinces` package. Idempotent."""
    from vietnam_provinces import Province as SourceProvince
    from vietnam_provinces import Ward as SourceWard

    provinces_before = Province.objects.count()
    wards_before = Ward.objects.count()
    provinces = [
        Province(
            code=int(p.code),
            name=p.name,
            division_type=p.division_type.value,
            codename=p.codename,
            phone_code=p.phone_code,
            search_text=fold_vietnamese(p.name),
        )
        for p in SourceProvince.iter_all()
    ]
    Province.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "division_type", "codename", "phone_code", "search_text"],
    )
    wards = [
        Ward(
            code=int(w.code),
            name=w.name,
            division_type=w.division_type.value,
            codename=w.codename,
            province_id=int(w.province_code),
            search_text=fold_vietnamese(w.name),
        )
        for w in SourceWard.iter_all()
    ]
    Ward.objects.bulk_create(
        wards,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "division_type", "codename", "province", "search_text"],
    )
    return GeographyLoadResult(
        provinces=Province.objects.count(),
        wards=Ward.objects.count(),
        provinces_created=Province.objects.count() - provinces_before,
        wards_created=Ward.objects.count() - wards_before,
    )


def _officer_groups_sync(user) -> None:
    """Group membership follows the roles the user holds in any agency; staff access follows having any role."""
    roles = set(OfficerMembership.objects.filter(user=user).values_list("role", flat=True))
    wanted = set(Group.objects.filter(name__in=[ROLE_GROUP_NAMES[r] for r in roles]))
    managed = set(Group.objects.filter(name__in=ROLE_GROUP_NAMES.values()))
    user.groups.remove(*(managed - wanted))
    user.groups.add(*wanted)
    is_staff = bool(roles) or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


@transaction.atomic
def officer_membership_grant(*, agency: Agency, user, role: str = OfficerRole.OFFICER) -> OfficerMembership:
    """Make `user` an officer of `agency` with `role` (or change their role there); gives back-office access."""
    membership, created = OfficerMembership.objects.select_for_update().get_or_create(
        user=user, agency=agency, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    _officer_groups_sync(user)
    return membership


@transaction.atomic
def officer_membership_revoke(*, membership: OfficerMembership) -> None:
    """Remove an officer from an agency; without any agency left they lose back-office access."""
    user = membership.user
    membership.delete()
    _officer_groups_sync(user)
