"""The business types as data (shops/data/business_types.json); the back office keeps the list afterwards."""

from django.db import migrations


def load(apps, schema_editor):
    from shops.business_types import load_business_types

    load_business_types(apps.get_model("shops", "BusinessType"))


class Migration(migrations.Migration):
    dependencies = [("shops", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
