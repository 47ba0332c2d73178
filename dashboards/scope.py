"""Whose figures a user sees: drawn from their agency memberships.

- Any membership that sees cases or figures (officer, head, viewer, dashboard) opens that agency's dashboard, and
  those of the agencies under it (a district's staff see each of its wards' committees).
- The ward of a ward People's Committee is part of the scope too: its staff see what happened in their ward, also
  when a provincial department handled it.
- The records behind a figure (names, files) stay with those who handle them: officers and heads, through the same
  `for_user` querysets as the back office. Viewers and dashboard staff see counts only.
- A superuser sees the whole province."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from agencies.models import Agency, AgencyKind, OfficerRole, Ward
from citizen_portal.api.exceptions import ApplicationError

DASHBOARD_ROLES = (OfficerRole.OFFICER, OfficerRole.HEAD, OfficerRole.VIEWER, OfficerRole.DASHBOARD)


@dataclass(frozen=True)
class Scope:
    everything: bool
    agency_ids: frozenset[int] = frozenset()
    ward_codes: frozenset[int] = frozenset()
    # Narrowed by the picker to one agency or one ward (always inside what the user may see).
    agency_id: int | None = None
    ward_code: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.agency_ids and not self.ward_codes

    def q(self, agency: str = "agency_id", ward: str | None = "ward_id") -> Q:
        """The rows of this scope, for a table whose agency and ward columns are named `agency` and `ward` (None:
        a table with no place, such as questions, which only its agencies' scope reaches)."""
        narrowed = Q()
        if self.agency_id is not None:
            narrowed &= Q(**{agency: self.agency_id})
        if self.ward_code is not None:
            narrowed &= Q(**{ward: self.ward_code}) if ward else Q(pk__in=[])
        if self.everything:
            return narrowed
        mine = Q(**{f"{agency}__in": sorted(self.agency_ids)})
        if ward:
            mine |= Q(**{f"{ward}__in": sorted(self.ward_codes)})
        return mine & narrowed

    def agencies(self):
        if self.everything:
            return Agency.objects.active()
        return Agency.objects.filter(pk__in=self.agency_ids)

    def wards(self):
        from django.conf import settings

        if self.everything:
            return Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE)
        return Ward.objects.filter(code__in=self.ward_codes)


def _with_descendants(agency_ids: set[int]) -> set[int]:
    found, frontier = set(agency_ids), set(agency_ids)
    while frontier:
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def scope_for(user) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope(everything=False)
    if user.is_superuser:
        return Scope(everything=True)
    mine = set(user.memberships.filter(role__in=DASHBOARD_ROLES).values_list("agency_id", flat=True))
    agency_ids = _with_descendants(mine)
    wards = Agency.objects.filter(pk__in=agency_ids, kind=AgencyKind.WARD_COMMITTEE).values_list("ward_id", flat=True)
    return Scope(everything=False, agency_ids=frozenset(agency_ids), ward_codes=frozenset(wards))


def narrowed(scope: Scope, *, agency: str = "", ward: str = "") -> Scope:
    """The scope limited to the agency or ward picked (ids as typed); one outside the scope is refused."""
    agency_id = ward_code = None
    if agency:
        if not agency.isdigit() or not (scope.everything or int(agency) in scope.agency_ids):
            raise ApplicationError(
                "Bạn không xem được số liệu của cơ quan này.", code="agency_not_allowed", status_code=403
            )
        agency_id = int(agency)
    if ward:
        if not ward.isdigit() or not (scope.everything or int(ward) in scope.ward_codes):
            raise ApplicationError(
                "Bạn không xem được số liệu của phường, xã này.", code="ward_not_allowed", status_code=403
            )
        ward_code = int(ward)
    return Scope(scope.everything, scope.agency_ids, scope.ward_codes, agency_id, ward_code)


def can_open_records(user) -> bool:
    """Officers and heads open the records behind a figure (their agencies' only)."""
    return user.is_superuser or user.memberships.filter(role__in=[OfficerRole.OFFICER, OfficerRole.HEAD]).exists()
