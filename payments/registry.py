"""Payment purposes: what an invoice is for. `payments` imports no utility app; a utility registers its purpose in
its AppConfig.ready() with the callbacks payments calls at the right moment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Purpose:
    code: str
    label: str
    # Called inside the transaction that marks the invoice paid: the utility moves its own record on.
    on_paid: Callable | None = None
    # Extra invoices a person may see and pay besides their own (a child's tuition, for each linked parent).
    visible_to: Callable[[object], Q] | None = None
    # Where the citizen goes back to (the dossier, the child's page).
    link: Callable | None = None


PURPOSES: dict[str, Purpose] = {}


def register_purpose(purpose: Purpose) -> None:
    PURPOSES[purpose.code] = purpose


def get_purpose(code: str) -> Purpose:
    try:
        return PURPOSES[code]
    except KeyError as error:
        raise ValueError(f"unknown payment purpose {code!r}; register it with payments.registry") from error


def visibility_filter(user) -> Q:
    """Invoices opened to `user` by any purpose; never matches anything when no purpose opens any."""
    combined = Q(pk__in=[])
    for purpose in PURPOSES.values():
        if purpose.visible_to is not None:
            combined |= Q(purpose=purpose.code) & purpose.visible_to(user)
    return combined
