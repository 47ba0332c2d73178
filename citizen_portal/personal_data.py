"""'Dữ liệu của tôi': every app that keeps something about a citizen registers a section here (in its AppConfig.ready),
so the export is complete by construction and identity does not need to know about dossiers or reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

SECTIONS: list[tuple[str, Callable]] = []  # (key, function(user) -> list | dict)
# What account deletion must also erase or detach in each app, public traces first (a name on a public report).
ERASERS: list[tuple[str, Callable]] = []  # (key, function(user) -> int, rows touched)


def register(key: str, collect: Callable, erase: Callable | None = None) -> None:
    if key not in {k for k, _ in SECTIONS}:
        SECTIONS.append((key, collect))
    if erase is not None and key not in {k for k, _ in ERASERS}:
        ERASERS.append((key, erase))


def local(moment: dt.datetime | None) -> str | None:
    """Times in the export are the province's local time (ISO 8601 with +07:00), as the citizen lived them."""
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else None


def collect_all(user) -> dict:
    return {key: collect(user) for key, collect in SECTIONS}


def erase_all(user) -> dict:
    return {key: erase(user) for key, erase in ERASERS}
