"""A staff member's search reads its own index: every word of a message prefixed by the
message's department (PostgreSQL; see migration_sql.DEPARTMENT_WORDS_FUNCTIONS); the
words' index loses its department column. Built concurrently, so the table keeps taking
new messages meanwhile. Nothing on SQLite."""

from django.db import migrations

from helpdesk.search.migration_sql import (
    DEPARTMENT_WORDS_FUNCTIONS,
    DEPARTMENT_WORDS_FUNCTIONS_BACKWARD,
    department_and_words_index,
    department_words_index,
    per_vendor,
    words_only_index,
)

TABLE, INDEX = "ticket_messages_message", "message_department_words"

forward = per_vendor(
    [
        *DEPARTMENT_WORDS_FUNCTIONS,
        department_words_index(TABLE, "search_vector", INDEX),
        *words_only_index(TABLE, "search_vector", "message_words", replaced="message_search"),
    ],
    [],
)
backward = per_vendor(
    [
        *department_and_words_index(
            TABLE, "search_vector", "message_search", replaced="message_words"
        ),
        f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}",
        *DEPARTMENT_WORDS_FUNCTIONS_BACKWARD,
    ],
    [],
)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("ticket_messages", "0007_search")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
