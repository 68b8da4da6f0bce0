"""Full-text search over ticket subjects: a stored tsvector under a GIN index on
PostgreSQL (the trigram index of 0003 stays, for partial words), an FTS5 table kept by
triggers on SQLite."""

from django.db import migrations

from helpdesk.search.migration_sql import (
    per_vendor,
    postgresql_backward,
    postgresql_forward,
    sqlite_backward,
    sqlite_forward,
)

TABLE, COLUMN = "tickets_ticket", "subject"

forward = per_vendor(
    postgresql_forward(TABLE, COLUMN, "subject_vector", "ticket_subject_search"),
    sqlite_forward(TABLE, COLUMN, "ticket_fts"),
)
backward = per_vendor(
    postgresql_backward(TABLE, "subject_vector", "ticket_subject_search"),
    sqlite_backward("ticket_fts"),
)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0009_live_queue_presence")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
