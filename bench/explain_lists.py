"""EXPLAIN ANALYZE of the queries behind the desk's lists and the search, for
docs/performance.md: every sort of all tickets as root (the first page and one that starts
after the middle ticket), and the search for the given words as root and as staff.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... .venv/bin/python \
        bench/explain_lists.py laptop memory > bench/results/<N>/explain_lists.txt
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from helpdesk.search.tickets import search_tickets  # noqa: E402
from helpdesk.tickets.policies import visible_tickets  # noqa: E402
from helpdesk.tickets.views.desk.lists import QUEUE_SORTS, ticket_rows  # noqa: E402


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join("    " + row[0] for row in cursor.fetchall())


def show(title: str, queries, *, only=("tickets_ticket", "ticket_messages_message")) -> None:
    """Each query's plan, under the planner settings the search set for it."""
    print(f"\n### {title}\n")
    with transaction.atomic():
        for query in queries:
            sql = query["sql"]
            if "set_config" in sql:
                with connection.cursor() as cursor:
                    cursor.execute(sql)
                continue
            if not sql.startswith("SELECT") or not any(table in sql for table in only):
                continue
            print(f"-- {float(query['time']) * 1000:.1f} ms: {sql[:200]}")
            print(explain(sql))


def list_page(user, query: dict):
    request = RequestFactory().get("/desk/all/", query)
    request.user = user
    with CaptureQueriesContext(connection) as captured:
        ticket_rows(request, visible_tickets(user), default_sort="-number")
    return captured.captured_queries


def main(words):
    root = User.objects.get(username="root")
    staff = User.objects.get(username="staff")
    tickets = visible_tickets(root).order_by("id").values_list("id", flat=True)
    middle = tickets[tickets.count() // 2]
    for key in QUEUE_SORTS:
        for sort in (key, f"-{key}"):
            list_page(root, {"sort": sort})  # warm
            show(f"all tickets, root, sort={sort}", list_page(root, {"sort": sort}))
            show(
                f"all tickets, root, sort={sort}, after #{middle}",
                list_page(root, {"sort": sort, "after": str(middle)}),
            )
    for word in words:
        for user in (root, staff):
            search_tickets(user, word, visible_tickets(user))  # warm
            with CaptureQueriesContext(connection) as captured:
                search_tickets(user, word, visible_tickets(user))
            show(f"search {word!r} as {user.username}", captured.captured_queries)


if __name__ == "__main__":
    main(sys.argv[1:])
