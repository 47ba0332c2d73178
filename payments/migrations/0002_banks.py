"""The NAPAS bank list as data (payments/banks.json); the back office keeps it up to date afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from payments.banks import load_banks

    load_banks(apps.get_model("payments", "Bank"))


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
