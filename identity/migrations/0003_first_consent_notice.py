"""Publish version 1.0 of the personal-data notice, so every deployment asks citizens from day one."""

from pathlib import Path

from django.db import migrations
from django.utils import timezone

NOTICE = Path(__file__).resolve().parent.parent.parent / "templates" / "identity" / "notices" / "1.0.txt"


def publish(apps, schema_editor):
    ConsentNotice = apps.get_model("identity", "ConsentNotice")
    ConsentNotice.objects.get_or_create(
        version="1.0",
        defaults={
            "title": "Thông báo về xử lý dữ liệu cá nhân",
            "text": NOTICE.read_text(encoding="utf-8"),
            "published_at": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("identity", "0002_consentnotice_citizenprofile_identityevent_and_more")]
    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
