"""Full-text search over message bodies: a stored tsvector (the installation's language
plus `simple`) under a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite.
A generated column is maintained by the database itself, bulk inserts included."""

from django.db import migrations

from helpdesk.search.migration_sql import (
    per_vendor,
    postgresql_backward,
    postgresql_forward,
    sqlite_backward,
    sqlite_forward,
)

TABLE, COLUMN = "ticket_messages_message", "body"


forward = per_vendor(
    postgresql_forward(TABLE, COLUMN, "search_vector", "message_search"),
    sqlite_forward(TABLE, COLUMN, "message_fts"),
)
backward = per_vendor(postgresql_backward(TABLE, "search_vector", "message_search"), sqlite_backward("message_fts"))


class Migration(migrations.Migration):
    dependencies = [("ticket_messages", "0005_report_indexes")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
