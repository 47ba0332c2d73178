"""PostgreSQL: the full-text index on the weighted vector and a trigram index on the normalised titles (typos)."""

from django.db import migrations

from citizen_portal.migration_operations import PostgresOnly


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents_and_synonyms")]

    operations = [
        PostgresOnly(
            sql=[
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
                "CREATE INDEX search_document_title_trgm ON search_searchdocument USING gin (title_norm gin_trgm_ops)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS search_document_vector",
                "DROP INDEX IF EXISTS search_document_title_trgm",
            ],
        ),
    ]
