"""Migration operations shared by the apps."""

from django.db import migrations


class PostgresOnly(migrations.RunSQL):
    """SQL only PostgreSQL understands (extensions, GIN indexes). SQLite (a developer's `make run`) skips it: there
    the searches read the tables, which are small."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
