"""The names the lists sort by, kept on the ticket row by the database: the client's name,
the provider's name and the responsible's (a staff member's name, or the department's when
the whole department is responsible). Sorting a million tickets by a joined table's name
reads every row; a column of the ticket under an index reads one page.

Triggers keep them, so every way a ticket is written (the actions, bulk inserts, the
admin) and every rename of a client, provider, department or staff member is covered.
The SQL is per database: migration 0012 runs it on PostgreSQL; on SQLite the triggers are
made after each migration run (search.migration_sql). Change it only with a new migration."""

USER_NAME = "COALESCE(NULLIF(TRIM(u.first_name || ' ' || u.last_name), ''), u.username)"
CLIENT = "(SELECT c.name FROM accounts_client c WHERE c.id = {row}.client_id)"
PROVIDER = "(SELECT p.name FROM tickets_provider p WHERE p.id = {row}.provider_id)"
RESPONSIBLE = (
    "CASE WHEN {row}.responsible_id IS NULL "
    "THEN (SELECT d.name FROM tickets_department d WHERE d.id = {row}.department_id) "
    f"ELSE (SELECT {USER_NAME} FROM accounts_user u WHERE u.id = {{row}}.responsible_id) END"
)
WATCHED = "client_id, provider_id, responsible_id, department_id"

# A rename: which tickets change, and their new key.
RENAMES = [
    ("accounts_client", "name", "sort_client = NEW.name", "client_id = NEW.id"),
    ("tickets_provider", "name", "sort_provider = NEW.name", "provider_id = NEW.id"),
    (
        "tickets_department",
        "name",
        "sort_responsible = NEW.name",
        "department_id = NEW.id AND responsible_id IS NULL",
    ),
    (
        "accounts_user",
        "first_name, last_name, username",
        "sort_responsible = "
        "COALESCE(NULLIF(TRIM(NEW.first_name || ' ' || NEW.last_name), ''), NEW.username)",
        "responsible_id = NEW.id",
    ),
]


def key_values(row: str) -> dict[str, str]:
    return {
        "sort_client": CLIENT.format(row=row),
        "sort_provider": PROVIDER.format(row=row),
        "sort_responsible": RESPONSIBLE.format(row=row),
    }


def keys(row: str) -> str:
    return ", ".join(f"{column} = {value}" for column, value in key_values(row).items())


def changed(columns: str) -> str:
    return " OR ".join(
        f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns.split(", ")
    )


def postgresql_forward() -> list[str]:
    assignments = "; ".join(
        f"NEW.{column} := {value}" for column, value in key_values("NEW").items()
    )
    statements = [
        "CREATE OR REPLACE FUNCTION ticket_sort_keys() RETURNS trigger AS $$ BEGIN "
        f"{assignments}; RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER ticket_sort_keys BEFORE INSERT OR UPDATE OF "
        f"{WATCHED} ON tickets_ticket FOR EACH ROW EXECUTE FUNCTION ticket_sort_keys()",
    ]
    for table, columns, assignment, which in RENAMES:
        function = f"{table}_renamed_sort_keys"
        statements += [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
            f"UPDATE tickets_ticket SET {assignment} WHERE {which}; RETURN NULL; END $$ "
            "LANGUAGE plpgsql",
            f"CREATE TRIGGER {function} AFTER UPDATE OF {columns} ON {table} FOR EACH ROW "
            f"WHEN ({changed(columns)}) EXECUTE FUNCTION {function}()",
        ]
    return statements


def postgresql_backward() -> list[str]:
    statements = [
        "DROP TRIGGER IF EXISTS ticket_sort_keys ON tickets_ticket",
        "DROP FUNCTION IF EXISTS ticket_sort_keys()",
    ]
    for table, *_rest in RENAMES:
        function = f"{table}_renamed_sort_keys"
        statements += [
            f"DROP TRIGGER IF EXISTS {function} ON {table}",
            f"DROP FUNCTION IF EXISTS {function}()",
        ]
    return statements


def sqlite_triggers() -> list[str]:
    update_row = f"UPDATE tickets_ticket SET {keys('NEW')} WHERE id = NEW.id;"
    statements = [
        *sqlite_backward(),
        "CREATE TRIGGER ticket_sort_keys_insert AFTER INSERT ON tickets_ticket "
        f"BEGIN {update_row} END",
        f"CREATE TRIGGER ticket_sort_keys_update AFTER UPDATE OF {WATCHED} ON tickets_ticket "
        f"BEGIN {update_row} END",
    ]
    for table, columns, assignment, which in RENAMES:
        when = changed(columns).replace("IS DISTINCT FROM", "IS NOT")
        statements.append(
            f"CREATE TRIGGER {table}_renamed_sort_keys AFTER UPDATE OF {columns} ON {table} "
            f"WHEN {when} BEGIN UPDATE tickets_ticket SET {assignment} WHERE {which}; END"
        )
    return statements


def sqlite_backward() -> list[str]:
    names = ["ticket_sort_keys_insert", "ticket_sort_keys_update"]
    names += [f"{table}_renamed_sort_keys" for table, *_rest in RENAMES]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


BACKFILL = f"UPDATE tickets_ticket SET {keys('tickets_ticket')}"
