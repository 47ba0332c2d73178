"""The business types shipped as data (data/business_types.json); loaded by a migration and again by the demo (a
flushed test database has lost what the migration wrote). The back office keeps the list afterwards."""

import json
from pathlib import Path

TYPES_FILE = Path(__file__).resolve().parent / "data" / "business_types.json"


def load_business_types(model) -> int:
    """Add the types that are missing; never overwrite what the back office changed."""
    created = 0
    for order, row in enumerate(json.loads(TYPES_FILE.read_text()), start=1):
        _, made = model.objects.get_or_create(
            slug=row["slug"], defaults={"name": row["name"], "icon": row["icon"], "order": order * 10}
        )
        created += made
    return created
