"""On PostgreSQL, "subject contains" uses a trigram GIN index instead of scanning every
ticket. SQLite (the zero-setup default) has no such index type and gets none."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ticket_subject_trgm "
    "ON tickets_ticket USING gin (subject gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS ticket_subject_trgm"]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("tickets", "0002_business_hours_defaults")]

    operations = [migrations.RunPython(run_on_postgresql(FORWARD), run_on_postgresql(BACKWARD))]
