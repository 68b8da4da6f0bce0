"""Print our half of the side-by-side URL list (bench/peer/side_by_side.py reads it): the
pages equivalent to the peer's (bench/peer/make_urls.py), as `LABEL ours USER PATH` and the
`@post ours …` steps that save the desk filter before the filtered list.

    DATABASE_URL=... .venv/bin/python bench/peer/our_urls.py WORD
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from accounts.models import User  # noqa: E402
from bench.make_urls import ticket_with_messages  # noqa: E402
from helpdesk.tickets.policies import visible_tickets  # noqa: E402


def main(word):
    staff = User.objects.get(username="staff")
    client = User.objects.get(username="client")
    department = staff.departments.order_by("id").first()
    lines = [
        "@post ours staff /desk/filter/ /desk/ reset=1",
        "staff_list ours staff /desk/",
        f"@post ours staff /desk/filter/ /desk/ department={department.pk}",
        "filtered_list ours staff /desk/",
        "@post ours staff /desk/filter/ /desk/ reset=1",
        f"search ours staff /desk/search/?q={word}",
        f"ticket ours staff /desk/tickets/{ticket_with_messages(visible_tickets(staff))}/",
        "customer_list ours client /",
        f"customer_ticket ours client /tickets/{ticket_with_messages(visible_tickets(client))}/",
    ]
    print("\n".join(lines))
    queue = visible_tickets(staff).filter(in_queue=True)
    print(
        f"# ours: staff's queue {queue.count()} "
        f"(in {department} {queue.filter(department=department).count()}), "
        f"client's tickets {visible_tickets(client).count()}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "memory")
