"""The SQL of the search migrations, per database. Migrations import it, so it stays
stable: change it only together with a new migration.

SQLite note: Django rebuilds a SQLite table (new table, copy, drop, rename) for many
schema changes, which drops the triggers below. A later migration that alters
`ticket_messages_message` or `tickets_ticket` on SQLite must run `sqlite_triggers(...)`
again; the search tests fail otherwise (new messages would not be found)."""

from helpdesk.search.language import text_search_config


def vector(column: str) -> str:
    config = text_search_config()
    return (
        f"to_tsvector('{config}'::regconfig, coalesce({column}, '')) || "
        f"to_tsvector('simple'::regconfig, coalesce({column}, ''))"
    )


def postgresql_forward(table: str, column: str, vector_column: str, index: str) -> list[str]:
    """The vector, and one GIN index over the department and the vector (btree_gin): a
    staff member's search reads only their departments' matches from the index, never
    another department's to throw away."""
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE EXTENSION IF NOT EXISTS btree_gin",
        f"ALTER TABLE {table} ADD COLUMN {vector_column} tsvector "
        f"GENERATED ALWAYS AS ({vector(column)}) STORED",
        f"CREATE INDEX {index} ON {table} USING gin (department_id, {vector_column})",
    ]


def postgresql_backward(table: str, vector_column: str, index: str) -> list[str]:
    return [f"DROP INDEX IF EXISTS {index}", f"ALTER TABLE {table} DROP COLUMN {vector_column}"]


def sqlite_forward(table: str, column: str, fts: str) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
        "content_rowid='id', tokenize='porter unicode61')",
        *sqlite_triggers(table, column, fts),
        f"INSERT INTO {fts}({fts}) VALUES('rebuild')",
    ]


def sqlite_triggers(table: str, column: str, fts: str) -> list[str]:
    delete = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES('delete', old.id, old.{column});"
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    return [
        f"DROP TRIGGER IF EXISTS {fts}_insert",
        f"DROP TRIGGER IF EXISTS {fts}_delete",
        f"DROP TRIGGER IF EXISTS {fts}_update",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


def sqlite_backward(fts: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {fts}_insert",
        f"DROP TRIGGER IF EXISTS {fts}_delete",
        f"DROP TRIGGER IF EXISTS {fts}_update",
        f"DROP TABLE IF EXISTS {fts}",
    ]


# The department of a message's ticket, kept on the message by triggers (the search's
# scope for staff comes from the same index as the words; see messages.policies).
MESSAGE_DEPARTMENT = "(SELECT t.department_id FROM tickets_ticket t WHERE t.id = {row}.ticket_id)"


def message_department_postgresql() -> list[str]:
    return [
        "UPDATE ticket_messages_message m SET department_id = t.department_id "
        "FROM tickets_ticket t WHERE t.id = m.ticket_id",
        "CREATE OR REPLACE FUNCTION message_department() RETURNS trigger AS $$ BEGIN "
        f"NEW.department_id := {MESSAGE_DEPARTMENT.format(row='NEW')}; RETURN NEW; END $$ "
        "LANGUAGE plpgsql",
        "CREATE TRIGGER message_department BEFORE INSERT OR UPDATE OF ticket_id "
        "ON ticket_messages_message FOR EACH ROW EXECUTE FUNCTION message_department()",
        "CREATE OR REPLACE FUNCTION ticket_moved_messages() RETURNS trigger AS $$ BEGIN "
        "UPDATE ticket_messages_message SET department_id = NEW.department_id "
        "WHERE ticket_id = NEW.id; RETURN NULL; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER ticket_moved_messages AFTER UPDATE OF department_id ON tickets_ticket "
        "FOR EACH ROW WHEN (OLD.department_id IS DISTINCT FROM NEW.department_id) "
        "EXECUTE FUNCTION ticket_moved_messages()",
    ]


def message_department_postgresql_backward() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS message_department ON ticket_messages_message",
        "DROP FUNCTION IF EXISTS message_department()",
        "DROP TRIGGER IF EXISTS ticket_moved_messages ON tickets_ticket",
        "DROP FUNCTION IF EXISTS ticket_moved_messages()",
    ]


def message_department_sqlite() -> list[str]:
    update = (
        "UPDATE ticket_messages_message SET department_id = "
        f"{MESSAGE_DEPARTMENT.format(row='NEW')} WHERE id = NEW.id;"
    )
    return [
        *message_department_sqlite_backward(),
        "CREATE TRIGGER message_department_insert AFTER INSERT ON ticket_messages_message "
        f"BEGIN {update} END",
        "CREATE TRIGGER message_department_update AFTER UPDATE OF ticket_id "
        f"ON ticket_messages_message BEGIN {update} END",
        "CREATE TRIGGER ticket_moved_messages AFTER UPDATE OF department_id ON tickets_ticket "
        "WHEN OLD.department_id IS NOT NEW.department_id BEGIN "
        "UPDATE ticket_messages_message SET department_id = NEW.department_id "
        "WHERE ticket_id = NEW.id; END",
    ]


def message_department_sqlite_backward() -> list[str]:
    names = ["message_department_insert", "message_department_update", "ticket_moved_messages"]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def per_vendor(postgresql: list[str], sqlite: list[str]):
    """A RunPython function that runs the statements of the migrating database."""

    def run(apps, schema_editor):
        statements = {"postgresql": postgresql, "sqlite": sqlite}.get(
            schema_editor.connection.vendor, []
        )
        for statement in statements:
            schema_editor.execute(statement)

    return run


SQLITE_INDEXES = [
    ("ticket_messages_message", "body", "message_fts"),
    ("tickets_ticket", "subject", "ticket_fts"),
]


def sqlite_columns(cursor, table: str) -> set[str]:
    cursor.execute("SELECT name FROM pragma_table_info(%s)", [table])
    return {row[0] for row in cursor.fetchall()}


def sqlite_connection(using):
    from django.db import connections

    connection = connections[using]
    return connection if connection.vendor == "sqlite" else None


def drop_sqlite_cross_table_triggers(sender, using="default", **kwargs):
    """pre_migrate: a SQLite trigger that names another table in its body makes Django's
    rebuild of that table fail (the rename re-reads every trigger while the table is
    briefly gone). So the triggers that keep the sort keys and the messages' departments
    exist only between migration runs: dropped here, made again (and their columns
    recomputed) by `restore_sqlite_triggers`."""
    from helpdesk.tickets import sort_keys

    connection = sqlite_connection(using)
    if connection is None:
        return
    with connection.cursor() as cursor:
        for statement in sort_keys.sqlite_backward() + message_department_sqlite_backward():
            cursor.execute(statement)


def restore_sqlite_triggers(sender, using="default", **kwargs):
    """post_migrate: the triggers a SQLite table rebuild dropped (Django rebuilds tables for
    many schema changes) or `drop_sqlite_cross_table_triggers` took away, and the columns
    they keep, recomputed for rows written meanwhile. The FTS tables keep their rows: ids
    survive a rebuild. Nothing to do before the search migrations ran, or on PostgreSQL."""
    from helpdesk.tickets import sort_keys

    connection = sqlite_connection(using)
    if connection is None:
        return
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for table, column, fts in SQLITE_INDEXES:
            if fts in tables and table in tables:
                for statement in sqlite_triggers(table, column, fts):
                    cursor.execute(statement)
        if "sort_client" in sqlite_columns(cursor, "tickets_ticket"):
            for statement in [sort_keys.BACKFILL, *sort_keys.sqlite_triggers()]:
                cursor.execute(statement)
        if "department_id" in sqlite_columns(cursor, "ticket_messages_message"):
            for statement in [SQLITE_MESSAGE_DEPARTMENTS, *message_department_sqlite()]:
                cursor.execute(statement)


SQLITE_MESSAGE_DEPARTMENTS = (
    "UPDATE ticket_messages_message SET department_id = (SELECT t.department_id "
    "FROM tickets_ticket t WHERE t.id = ticket_messages_message.ticket_id)"
)


# A staff member's search, read from an index of its own: every word of a text prefixed by
# its department ("5:memory"), and the query's words rewritten for the staff member's
# departments ("5:memory" | "7:memory"). A word common elsewhere but rare in one's own
# departments then costs what its matches there cost: the (department, vector) index
# decodes the word's whole posting list and the departments' (docs/performance.md,
# "Search"). Positions are left out: phrases become "all the words", and the search
# rechecks every candidate against the real vector.
DEPARTMENT_WORDS_FUNCTIONS = [
    "CREATE OR REPLACE FUNCTION helpdesk_department_words(department bigint, vector tsvector) "
    "RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT array_to_tsvector(ARRAY(SELECT coalesce(department, 0) || ':' || word "
    "FROM unnest(tsvector_to_array(vector)) word)) $$",
    # Each quoted word (with its :* or weight suffix) becomes an OR over the departments;
    # phrase operators (<->, <N>) become & (the candidates are rechecked).
    "CREATE OR REPLACE FUNCTION helpdesk_in_departments(query tsquery, departments bigint[]) "
    "RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT regexp_replace(regexp_replace(query::text, "
    "'''((?:[^'']|'''')*)''(:[*A-D]+)?', "
    "'(' || array_to_string(ARRAY(SELECT '''' || d || ':\\1''\\2' FROM unnest(departments) d), "
    "' | ') || ')', 'g'), '<[0-9]*-?>', '&', 'g')::tsquery $$",
]
DEPARTMENT_WORDS_FUNCTIONS_BACKWARD = [
    "DROP FUNCTION IF EXISTS helpdesk_in_departments(tsquery, bigint[])",
    "DROP FUNCTION IF EXISTS helpdesk_department_words(bigint, tsvector)",
]


def department_words_index(table: str, vector_column: str, index: str) -> str:
    # CONCURRENTLY: a big table keeps taking writes while the index is built.
    return (
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {index} ON {table} "
        f"USING gin (helpdesk_department_words(department_id, {vector_column}))"
    )


def words_only_index(table: str, vector_column: str, index: str, replaced: str) -> list[str]:
    """The words' GIN index without the department beside them (root's and clients'
    search): the department half only let the planner AND a staff member's own index with
    every message of their departments, read from this one (1.6M entries, 0.35 s)."""
    return [
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {index} ON {table} USING gin ({vector_column})",
        f"DROP INDEX CONCURRENTLY IF EXISTS {replaced}",
    ]


def department_and_words_index(table: str, vector_column: str, index: str, replaced: str):
    return [
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {index} ON {table} "
        f"USING gin (department_id, {vector_column})",
        f"DROP INDEX CONCURRENTLY IF EXISTS {replaced}",
    ]
