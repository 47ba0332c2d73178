"""The back-office home links to the dashboards for everyone who may see figures."""

from __future__ import annotations

from django.urls import reverse

from citizen_portal.workspace import Section
from dashboards.scope import scope_for


def dashboards_section(user) -> Section | None:
    if scope_for(user).is_empty:
        return None
    return Section("Bảng số liệu", [], list_url=reverse("dashboards:home"))
