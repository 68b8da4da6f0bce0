"""Print the peer's half of the side-by-side URL list (bench/peer/side_by_side.py reads it):
django-helpdesk's pages equivalent to ours, as `LABEL peer USER PATH [PATH…]`. A list is
the page plus the DataTables JSON request the page makes on load (the browser waits for
both; their times are summed), its URL taken from the rendered page.

    PEER_DB_NAME=peer_bench_N bench/peer/.venv/bin/python bench/peer/make_urls.py WORD
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db.models import Count, Max, Min  # noqa: E402
from django.test import Client  # noqa: E402
from helpdesk.models import Queue, Ticket  # noqa: E402
from helpdesk.query import get_search_filter_args  # noqa: E402

STAFF, CUSTOMER = "staff", "client"
# What DataTables sends on the first draw; the view reads draw, start, length, search and
# order (none: the default order). 25 rows is the peer's default page length.
DATATABLES = "?draw=1&start=0&length=25&search%5Bvalue%5D=&search%5Bregex%5D=false"
JSON_URL = re.compile(r'"url": "(/datatables_ticket_list/[^"]+)"')


def ticket_with_followups(tickets, count=5):
    """The first ticket past the middle of the id range with exactly `count` follow-ups."""
    bounds = tickets.aggregate(low=Min("id"), high=Max("id"))
    middle = (bounds["low"] + bounds["high"]) // 2
    found = (
        tickets.filter(pk__gte=middle)
        .order_by("id")
        .annotate(n=Count("followup"))
        .filter(n=count)
        .first()
    )
    return found or tickets.order_by("-id").first()


def list_line(label, client, path):
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    json_url = JSON_URL.search(page.content.decode()).group(1)
    return f"{label} peer {STAFF} {path} {json_url}{DATATABLES}"


def main(word):
    User = get_user_model()
    staff, customer = User.objects.get(username=STAFF), User.objects.get(username=CUSTOMER)
    client = Client()
    client.force_login(staff)
    queue = Queue.objects.order_by("id").first()  # ours: staff's first department
    ticket = ticket_with_followups(Ticket.objects.all())
    own = Ticket.objects.filter(submitter_email=customer.email)
    own_ticket = ticket_with_followups(own)
    open_statuses = f"status={Ticket.OPEN_STATUS}&status={Ticket.REOPENED_STATUS}"
    lines = [
        list_line("staff_list", client, "/tickets/"),
        list_line("filtered_list", client, f"/tickets/?queue={queue.pk}&{open_statuses}"),
        list_line("search", client, f"/tickets/?q={word}"),
        f"ticket peer {STAFF} /tickets/{ticket.pk}/",
        f"customer_list peer {CUSTOMER} /tickets/my-tickets/ /api/user_tickets/?page=1",
        f"customer_ticket peer {CUSTOMER} "
        f"/view/?ticket={own_ticket.ticket_for_url}&email={customer.email}",
    ]
    print("\n".join(lines))
    matches = Ticket.objects.filter(get_search_filter_args(word)).distinct().count()
    open_tickets = Ticket.objects.filter(status__in=(Ticket.OPEN_STATUS, Ticket.REOPENED_STATUS))
    print(
        f"# peer: tickets {Ticket.objects.count()}, open {open_tickets.count()}, "
        f"in {queue.title} open {open_tickets.filter(queue=queue).count()}, "
        f"'{word}' matches {matches}, {CUSTOMER}'s tickets {own.count()}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "memory")
