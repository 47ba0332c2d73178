"""Indexes for the public feed read newest first from a position, and (PostgreSQL only) a trigram index so a word
searched anywhere in a report's folded text ("cay do") is found without reading every report."""

from django.db import migrations, models

from citizen_portal.migration_operations import PostgresOnly


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_photos_kept_before_report")]

    operations = [
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["-received_at", "-id"], name="report_feed"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(fields=["ward", "-received_at", "-id"], name="report_feed_ward"),
        ),
        PostgresOnly(
            sql=[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE INDEX report_search_trgm ON reports_report USING gin (search_text gin_trgm_ops)",
            ],
            reverse_sql=["DROP INDEX IF EXISTS report_search_trgm"],
        ),
    ]
