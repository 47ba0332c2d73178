"""'Dữ liệu của tôi': every app that keeps something about a citizen registers a section here (in its AppConfig.ready),
so the export is complete by construction and identity does not need to know about dossiers or reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

SECTIONS: list[tuple[str, Callable]] = []  # (key, function(user) -> list | dict)


def register(key: str, collect: Callable) -> None:
    if key not in {k for k, _ in SECTIONS}:
        SECTIONS.append((key, collect))


def local(moment: dt.datetime | None) -> str | None:
    """Times in the export are the province's local time (ISO 8601 with +07:00), as the citizen lived them."""
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else None


def collect_all(user) -> dict:
    return {key: collect(user) for key, collect in SECTIONS}
