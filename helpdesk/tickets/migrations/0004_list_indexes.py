"""Indexes the benchmark at a million tickets asked for (see docs/performance.md):

- ticket_all_by_weight: /billmgr ticket_all sorts every ticket by queue weight; without it
  each call sorted all visible tickets (1.7 s at a million).
- ticket_client_by_last: the portal's ticket lists sort a client's tickets by the last
  message; without it a big client's list sorted all its tickets (0.14 s at 50,000).
- Django's "contains" (icontains) compares UPPER(subject), so the trigram index of 0003 on
  the bare column was never used; this one is on the expression the queries use.
"""

from django.conf import settings
from django.db import migrations, models

FORWARD = [
    "CREATE INDEX IF NOT EXISTS ticket_subject_upper_trgm "
    "ON tickets_ticket USING gin ((UPPER(subject::text)) gin_trgm_ops)",
    "DROP INDEX IF EXISTS ticket_subject_trgm",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS ticket_subject_trgm "
    "ON tickets_ticket USING gin (subject gin_trgm_ops)",
    "DROP INDEX IF EXISTS ticket_subject_upper_trgm",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_submitted_form"),
        ("tickets", "0003_subject_trigram_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(fields=["-queue_key", "id"], name="ticket_all_by_weight"),
        ),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                fields=["client", "-last_message_at", "-id"], name="ticket_client_by_last"
            ),
        ),
        migrations.RunPython(run_on_postgresql(FORWARD), run_on_postgresql(BACKWARD)),
    ]
