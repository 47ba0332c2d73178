"""Public identifiers arriving from forms and links."""

import uuid
from collections.abc import Iterable


def valid_uuids(values: Iterable) -> list[uuid.UUID]:
    """The values that are UUIDs, in order; anything else (a typo, a tampered form) is left out."""
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found
