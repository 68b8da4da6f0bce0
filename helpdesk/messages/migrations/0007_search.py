"""Full-text search over message bodies: a stored tsvector (the installation's language
plus `simple`) on PostgreSQL, under one GIN index with the message's department (kept on
the message by triggers, so a staff member's search reads only their departments from
the index); an FTS5 table kept by triggers on SQLite. A generated column is maintained by
the database itself, bulk inserts included."""

import django.db.models.deletion
from django.db import migrations, models

from helpdesk.search.migration_sql import (
    message_department_postgresql,
    message_department_postgresql_backward,
    per_vendor,
    postgresql_backward,
    postgresql_forward,
    sqlite_backward,
    sqlite_forward,
)

TABLE, COLUMN = "ticket_messages_message", "body"

# SQLite: filled and kept between migration runs (migration_sql.restore_sqlite_triggers).
department = per_vendor(message_department_postgresql(), [])
no_department = per_vendor(message_department_postgresql_backward(), [])
forward = per_vendor(
    postgresql_forward(TABLE, COLUMN, "search_vector", "message_search"),
    sqlite_forward(TABLE, COLUMN, "message_fts"),
)
backward = per_vendor(
    postgresql_backward(TABLE, "search_vector", "message_search"), sqlite_backward("message_fts")
)


class Migration(migrations.Migration):
    dependencies = [
        ("ticket_messages", "0006_message_from_gate"),
        ("tickets", "0008_report_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="department",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="tickets.department",
            ),
        ),
        migrations.RunPython(department, no_department, elidable=False),
        migrations.RunPython(forward, backward, elidable=False),
    ]
