"""The back-office home: what each utility puts on an officer's desk. The kernel knows no utility; each registers a
function that, for one user, returns its section (queues with counts and links, a head's team load, or figures
only for viewers), or None when the user has nothing there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

COUNT_CAP = 1000


def capped_count(queryset) -> int:
    """At most COUNT_CAP + 1: a queue's size is news up to a thousand; beyond, "hơn 1.000" says enough."""
    return queryset[: COUNT_CAP + 1].count()


@dataclass(frozen=True)
class Queue:
    label: str
    count: int
    url: str = ""  # empty for figures only (viewers, dashboard staff)
    tone: str = ""  # "late", "soon", "new" or "": the colour the officer learns to read

    @property
    def count_text(self) -> str:
        return "hơn 1.000" if self.count > COUNT_CAP else f"{self.count:,}".replace(",", ".")


@dataclass(frozen=True)
class TeamLoad:
    name: str
    open_items: int
    late_items: int


@dataclass
class Section:
    title: str
    queues: list[Queue]
    team: list[TeamLoad] = field(default_factory=list)
    list_url: str = ""


_providers: list[Callable[[object], Section | None]] = []


def register(provider: Callable[[object], Section | None]) -> Callable[[object], Section | None]:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def sections_for(user) -> list[Section]:
    return [section for provider in _providers if (section := provider(user)) is not None]


CASE_AND_FIGURE_ROLES = ("officer", "head", "viewer", "dashboard")


def user_roles(user) -> set[str]:
    """The roles this user holds in any agency that see citizens' cases or their figures ("officer", "head",
    "viewer", "dashboard"). Editors write news only: their desk shows the news section and nothing else."""
    if user.is_superuser:
        return {"officer", "head"}
    return set(user.memberships.filter(role__in=CASE_AND_FIGURE_ROLES).values_list("role", flat=True))
