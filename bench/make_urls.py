"""Print the URL list of a benchmark run (the format bench/http_bench.py reads) for the
database in DATABASE_URL: it picks real ids (a staff ticket and a client ticket with five
messages from the middle of the id range, a deep page that exists, the department to filter
on) so every size gets the same kind of pages.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... .venv/bin/python bench/make_urls.py
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count, Max, Min  # noqa: E402

from accounts.models import User  # noqa: E402
from helpdesk.tickets.models import Ticket  # noqa: E402
from helpdesk.tickets.policies import visible_tickets  # noqa: E402

SEARCH_WORD = "DNS"  # in the subjects of two demo topics (helpdesk/demo/topics.py)
RARE_WORD = "tyrell"  # only in a few of the ~200 hand-made demo tickets
# Full-text search: words of the bulk seed's texts (helpdesk/demo/topics.py) found in about
# 0.1% and 5% of the messages at 1M tickets (ts_stat over a 2% sample), and a hostname.
TEXT_RARE = "laptop"
TEXT_COMMON = "memory"
TEXT_HOST = "ftp.oldhost.example"
PAGE_SIZE = 50  # the desk lists' default
SORTS = ["number", "subject", "client", "delay", "deadline", "responsible", "provider", "weight"]


def ticket_with_messages(tickets, count=5):
    """The first ticket past the middle of the id range with exactly `count` messages."""
    bounds = tickets.aggregate(low=Min("id"), high=Max("id"))
    middle = (bounds["low"] + bounds["high"]) // 2
    candidates = (
        tickets.filter(pk__gte=middle)
        .order_by("id")
        .annotate(n=Count("messages"))
        .filter(n=count)
        .values_list("id", flat=True)
    )
    found = candidates[:1]
    if not found:
        found = tickets.order_by("-id").values_list("id", flat=True)[:1]
    return found[0]


def sort_lines(middle) -> list[str]:
    lines = []
    for key in SORTS:
        for sort in (key, f"-{key}"):
            name = f"root_sort_{key}{'_desc' if sort.startswith('-') else ''}"
            lines.append(f"{name} root /desk/all/?sort={sort}")
            lines.append(f"{name}_deep root /desk/all/?sort={sort}&after={middle}")
    return lines


def main():
    staff = User.objects.get(username="staff")
    client = User.objects.get(username="client")
    staff_tickets = visible_tickets(staff)
    tech = staff.departments.order_by("id").first()
    staff_ticket = ticket_with_messages(staff_tickets)
    client_ticket = ticket_with_messages(visible_tickets(client))
    all_count = staff_tickets.count()
    # Keyset paging: a page that starts after the middle ticket is as deep as page 10,000
    # of a million tickets in number order, and lands somewhere deep in every other sort.
    middle = staff_tickets.order_by("id").values_list("id", flat=True)[all_count // 2]
    second = staff_tickets.order_by("-id").values_list("id", flat=True)[PAGE_SIZE - 1]
    lines = [
        "# start from no saved filter (an interrupted run may have left one)",
        "@post staff /desk/filter/ /desk/ reset=1",
        "# staff: member of the two Technical support departments",
        "queue staff /desk/",
        "all staff /desk/all/",
        f"all_p2 staff /desk/all/?after={second}",
        f"all_deep staff /desk/all/?after={middle}",
        f"ticket staff /desk/tickets/{staff_ticket}/",
        "favorites staff /desk/favorites/",
        "# the saved advanced filter: one department and a property",
        f"@post staff /desk/filter/ /desk/ department={tech.pk}&props=unread",
        "queue_filter staff /desk/",
        "all_filter staff /desk/all/",
        f"@post staff /desk/filter/ /desk/ subject={SEARCH_WORD}",
        "queue_search staff /desk/",
        "all_search staff /desk/all/",
        f"@post staff /desk/filter/ /desk/ subject={RARE_WORD}",
        "queue_search_rare staff /desk/",
        "all_search_rare staff /desk/all/",
        "@post staff /desk/filter/ /desk/ reset=1",
        "# root sees every department: the worst case",
        "root_queue root /desk/",
        "root_all root /desk/all/",
        "# every sort of all tickets for root, first page and a deep one",
        *sort_lines(middle),
        "# full-text search: a word in ~0.1% and one in ~5% of the messages, a hostname",
        f"search_rare staff /desk/search/?q={TEXT_RARE}",
        f"search_common staff /desk/search/?q={TEXT_COMMON}",
        f"search_host staff /desk/search/?q={TEXT_HOST}",
        f"root_search_rare root /desk/search/?q={TEXT_RARE}",
        f"root_search_common root /desk/search/?q={TEXT_COMMON}",
        f"root_search_host root /desk/search/?q={TEXT_HOST}",
        f"client_search client /search/?q={TEXT_COMMON}",
        f"api_search staff /billmgr?func=ticket_all&out=json&search={TEXT_RARE}&auth={{auth}}",
        "# the lists' Text condition (the saved filter's `text`)",
        f"@post staff /desk/filter/ /desk/ text={TEXT_RARE}",
        "all_text_rare staff /desk/all/",
        f"@post staff /desk/filter/ /desk/ text={TEXT_COMMON}",
        "all_text_common staff /desk/all/",
        "queue_text_common staff /desk/",
        "@post staff /desk/filter/ /desk/ reset=1",
        f"@post root /desk/filter/ /desk/ text={TEXT_COMMON}",
        "root_all_text_common root /desk/all/",
        "@post root /desk/filter/ /desk/ reset=1",
        "# the client portal",
        "my_tickets client /",
        f"client_ticket client /tickets/{client_ticket}/",
        "paid_support client /paid-support/",
        "# the BILLmanager API: authinfo (password hashed once a worker and 5 minutes), auth=",
        "api_queue_authinfo - /billmgr?func=ticket&out=json&authinfo=staff:demo",
        "api_queue staff /billmgr?func=ticket&out=json&auth={auth}",
        "api_all staff /billmgr?func=ticket_all&out=json&auth={auth}",
        "api_root_all root /billmgr?func=ticket_all&out=json&auth={auth}",
        "api_client client /billmgr?func=clientticket&out=json&auth={auth}",
        "# the same lists a page at a time (p_cnt=50), as a client area pages them",
        "api_queue_page staff /billmgr?func=ticket&out=json&p_cnt=50&auth={auth}",
        "api_queue_page_authinfo - /billmgr?func=ticket&out=json&p_cnt=50&authinfo=staff:demo",
        "api_client_page client /billmgr?func=clientticket&out=json&p_cnt=20&auth={auth}",
        "# the support reports over 90 days (from the daily aggregates: rebuild_reports)",
        "report_response root /desk/reports/?period=90",
        "report_response_staff staff /desk/reports/?period=90&group=staff",
        "report_response_week root /desk/reports/?period=90&group=week",
        "report_load root /desk/reports/load/?period=90",
        "report_load_staff staff /desk/reports/load/?period=90",
        "report_clients root /desk/reports/clients/?period=90",
        "report_csv root /desk/reports/response.csv?period=90",
        "api_report root /billmgr?func=report.support&report=load&period=90&out=json&auth={auth}",
        "# the floor of the stack (bench/floor.py): middleware, session, one query, 50 rows",
        "floor_django staff /floor/django/",
        "floor_jinja staff /floor/jinja/",
    ]
    print("\n".join(lines))
    print(
        f"# tickets {Ticket.objects.count()}, staff sees {all_count}, "
        f"client sees {visible_tickets(client).count()}",
    )


if __name__ == "__main__":
    main()
