"""The NAPAS bank list as data (payments/banks.json); the back office keeps it up to date afterwards."""

import json
from pathlib import Path

from django.db import migrations


def load_banks(apps, schema_editor):
    Bank = apps.get_model("payments", "Bank")
    for row in json.loads((Path(__file__).resolve().parent.parent / "banks.json").read_text()):
        Bank.objects.update_or_create(bin=row["bin"], defaults={"short_name": row["short_name"], "name": row["name"]})


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]
    operations = [migrations.RunPython(load_banks, migrations.RunPython.noop)]
