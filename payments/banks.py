"""The NAPAS bank list shipped as data (banks.json); loaded by a migration, and again by the demo (a flushed test
database has lost what the migration wrote). The back office keeps it up to date afterwards."""

import json
from pathlib import Path

BANKS_FILE = Path(__file__).resolve().parent / "banks.json"


def load_banks(bank_model) -> int:
    """Add the banks that are missing; never overwrite what the back office changed."""
    created = 0
    for row in json.loads(BANKS_FILE.read_text()):
        _, made = bank_model.objects.get_or_create(
            bin=row["bin"], defaults={"short_name": row["short_name"], "name": row["name"]}
        )
        created += made
    return created
