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
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"ALTER TABLE {table} ADD COLUMN {vector_column} tsvector "
        f"GENERATED ALWAYS AS ({vector(column)}) STORED",
        f"CREATE INDEX {index} ON {table} USING gin ({vector_column})",
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


def restore_sqlite_triggers(sender, using="default", **kwargs):
    """post_migrate: put back the FTS and sort-key triggers a SQLite table rebuild dropped (Django
    rebuilds tables for many schema changes). The FTS tables keep their rows: ids survive
    a rebuild. Nothing to do before the search migrations ran, or on PostgreSQL."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    from helpdesk.tickets import sort_keys

    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for table, column, fts in SQLITE_INDEXES:
            if fts in tables and table in tables:
                for statement in sqlite_triggers(table, column, fts):
                    cursor.execute(statement)
        cursor.execute("SELECT name FROM pragma_table_info('tickets_ticket')")
        columns = {row[0] for row in cursor.fetchall()}
        if "sort_client" in columns:
            for statement in sort_keys.sqlite_triggers():
                cursor.execute(statement)
