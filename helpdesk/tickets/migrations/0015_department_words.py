"""A staff member's subject search reads its own index: every word of a subject prefixed
by the ticket's department (PostgreSQL; see migration_sql.DEPARTMENT_WORDS_FUNCTIONS,
made by the messages migration this one depends on); the words' index loses its
department column. Built concurrently. Nothing on SQLite."""

from django.db import migrations

from helpdesk.search.migration_sql import (
    department_and_words_index,
    department_words_index,
    per_vendor,
    words_only_index,
)

TABLE, INDEX = "tickets_ticket", "ticket_department_words"

forward = per_vendor(
    [
        department_words_index(TABLE, "subject_vector", INDEX),
        *words_only_index(TABLE, "subject_vector", "ticket_subject_words", "ticket_subject_search"),
    ],
    [],
)
backward = per_vendor(
    [
        *department_and_words_index(
            TABLE, "subject_vector", "ticket_subject_search", "ticket_subject_words"
        ),
        f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}",
    ],
    [],
)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("tickets", "0014_business_hours_by_day"),
        ("ticket_messages", "0008_department_words"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
