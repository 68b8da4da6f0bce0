"""The database-specific half of the search: how a query matches, ranks and shows a
passage of messages and subjects. PostgreSQL reads the stored tsvectors (GIN); SQLite
reads the FTS5 tables. Everything else in the search is plain ORM.

Passages come back with \\x02 … \\x03 around the matched words (never HTML): `passages.py`
escapes the text and turns those two characters into <mark>."""

import re
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import BooleanField, FloatField, TextField

from helpdesk.expressions import TableSQL
from helpdesk.search.language import text_search_config

START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=1"
SNIPPET_TOKENS = 24
WORD = re.compile(r"[^\s\"'()*:&|!<>\\^+~]+")


def words(text: str) -> list[str]:
    """The words of a query, without the characters search syntaxes treat as operators."""
    return WORD.findall(text)[:16]


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- PostgreSQL -------------------------------------------------------------------------


def tsquery(text: str) -> tuple[str, list]:
    """The installation's language (stemmed, stop words dropped) or-ed with `simple`
    (every word as written: codes, hostnames, IPs)."""
    sql = "(websearch_to_tsquery(%s::regconfig, %s) || websearch_to_tsquery('simple', %s))"
    return sql, [text_search_config(), text, text]


def prefix_tsquery(text: str) -> tuple[str, list]:
    """Every word as a prefix (`vps-acm` finds `vps-acme-01`): the partial-word fallback."""
    terms = " & ".join("'{}':*".format(word.replace("'", "''")) for word in words(text))
    return "to_tsquery('simple', %s)", [terms]


# --- SQLite -----------------------------------------------------------------------------


def fts5_query(text: str, *, prefix: bool = False) -> str:
    """The query as PostgreSQL's websearch_to_tsquery reads it, in FTS5's syntax: words
    all required, "a phrase" in order, -word excluded, `or` between alternatives. A word
    with inner punctuation is a phrase of its tokens ("vps-acme-01.example.net": vps acme
    01 example net, as the tokenizer split the message). The partial-word fallback
    requires each word as a prefix."""
    if prefix:
        return " ".join(f'"{word}"*' for word in words(text)) or '""'
    alternatives = [" ".join(group) for group in fts5_groups(text) if group]
    return " OR ".join(f"({each})" for each in alternatives) or '""'


TERM = re.compile(r'(-?)(?:"([^"]*)"?|(\S+))')


def fts5_groups(text: str) -> list[list[str]]:
    """The alternatives of the query (split at `or`), each a list of FTS5 terms: required
    ones first, then `NOT term` (FTS5 has no query that only excludes)."""
    groups, required, excluded, count = [], [], [], 0
    for minus, quoted, bare in TERM.findall(text):
        if not minus and not quoted and bare.lower() == "or":
            groups.append(required and required + excluded)
            required, excluded = [], []
            continue
        terms = words(quoted if quoted else bare)
        if not terms or count >= 16:
            continue
        count += 1
        phrase = '"{}"'.format(" ".join(terms))
        (excluded if minus else required).append(f"NOT {phrase}" if minus else phrase)
    groups.append(required and required + excluded)
    return groups


def postgresql_query(text: str, *, prefix: bool) -> tuple[str, list]:
    return prefix_tsquery(text) if prefix else tsquery(text)


# --- The fragments the search uses ------------------------------------------------------

SOURCES = {
    # vector column (PostgreSQL), FTS5 table (SQLite), text column
    "message": ("search_vector", "message_fts", "body"),
    "ticket": ("subject_vector", "ticket_fts", "subject"),
}


def matches(source: str, text: str, *, prefix: bool = False, departments=None) -> TableSQL:
    """`departments`: a staff member's departments, whose own index the match then reads
    (PostgreSQL); their rows must also be scoped to them (the policies do)."""
    vector, fts, _column = SOURCES[source]
    if is_postgresql():
        query, params = postgresql_query(text, prefix=prefix)
        if departments is not None:
            return in_departments(vector, query, params, departments)
        return TableSQL(f"{{table}}.{vector} @@ {query}", params, output_field=BooleanField())
    return TableSQL(
        f"{{table}}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)",
        [fts5_query(text, prefix=prefix)],
        output_field=BooleanField(),
    )


def in_departments(vector: str, query: str, params: list, departments) -> TableSQL:
    """The department-prefixed words' index finds the candidates; each is then rechecked
    against its real vector (phrases, positions). The recheck is written as a function
    call so that the planner cannot also read the (department, vector) index for it."""
    if not departments:
        return TableSQL("FALSE", [], output_field=BooleanField())
    return TableSQL(
        f"helpdesk_department_words({{table}}.department_id, {{table}}.{vector}) "
        f"@@ helpdesk_in_departments({query}, %s::bigint[]) "
        f"AND ts_match_vq({{table}}.{vector}, {query})",
        [*params, sorted(departments), *params],
        output_field=BooleanField(),
    )


def rank(source: str, text: str, *, prefix: bool = False) -> TableSQL:
    """Higher is better on both databases."""
    vector, fts, _column = SOURCES[source]
    if is_postgresql():
        query, params = postgresql_query(text, prefix=prefix)
        return TableSQL(f"ts_rank({{table}}.{vector}, {query})", params, output_field=FloatField())
    return TableSQL(
        f"(SELECT -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s AND rowid = {{table}}.id)",
        [fts5_query(text, prefix=prefix)],
        output_field=FloatField(),
    )


def passage(source: str, text: str, *, prefix: bool = False) -> TableSQL:
    """The best fragment of the text with the matched words between START and STOP."""
    _vector, fts, column = SOURCES[source]
    if is_postgresql():
        query, params = postgresql_query(text, prefix=prefix)
        return TableSQL(
            f"ts_headline(%s::regconfig, {{table}}.{column}, {query}, %s)",
            [text_search_config(), *params, HEADLINE_OPTIONS],
            output_field=TextField(),
        )
    return TableSQL(
        f"(SELECT snippet({fts}, 0, char(2), char(3), '…', {SNIPPET_TOKENS}) "
        f"FROM {fts} WHERE {fts} MATCH %s AND rowid = {{table}}.id)",
        [fts5_query(text, prefix=prefix)],
        output_field=TextField(),
    )


def contains(source: str, text: str) -> TableSQL:
    """The text anywhere in the column, case-insensitive: a trigram index serves it on
    PostgreSQL (`ticket_subject_trgm`)."""
    _vector, _fts, column = SOURCES[source]
    pattern = "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"
    operator = "ILIKE" if is_postgresql() else "LIKE"
    return TableSQL(
        f"{{table}}.{column} {operator} %s ESCAPE '\\'", [pattern], output_field=BooleanField()
    )


# --- Reading the newest matches --------------------------------------------------------

# The newest rows are searched first, in widening windows of ids: a common word is met
# in the first few thousand rows (read newest first by id), a rarer one in a window whose
# matches the GIN index hands over. PostgreSQL's guess of how often a word occurs (often
# far off: a word frequent overall may be absent from a staff member's departments)
# decides nothing (docs/performance.md, "Search").
FIRST_WINDOW = 5_000
WIDER_WINDOWS = (100_000, None)


def newest(matching, columns: list, *, limit: int, windows=WIDER_WINDOWS) -> list:
    """`columns` of the newest `limit` rows of `matching` (a queryset filtered by a match),
    newest first. `windows`: the id windows after the first, widest (None: all) last."""
    rows = matching.order_by("-id").values_list(*columns)
    if not is_postgresql():
        return list(rows[:limit])
    newest_id = matching.model.objects.order_by("-id").values_list("id", flat=True).first()
    if newest_id is None:
        return []
    with transaction.atomic(using=matching.db):
        with planner(seqscan=False, bitmapscan=False):
            found = list(rows.filter(id__gt=newest_id - FIRST_WINDOW)[:limit])
        if len(found) >= limit:
            return found
        with planner(seqscan=False, indexscan=False):
            for window in windows:
                within = rows if window is None else rows.filter(id__gt=newest_id - window)
                found = list(within[:limit])
                if len(found) >= limit:
                    break
    return found


@contextmanager
def planner(**enabled):
    """PostgreSQL's planner told which scans it may use, for the enclosed queries of the
    current transaction only (one statement to set, one to restore)."""
    names = [f"enable_{name}" for name in enabled]
    values = ["on" if on else "off" for on in enabled.values()]
    settings = ", ".join("set_config(%s, %s, true)" for _name in names)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {settings}",
            [each for pair in zip(names, values, strict=True) for each in pair],
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {settings}", [each for name in names for each in (name, "on")])
