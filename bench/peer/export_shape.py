"""Print, as JSON, the shape of our benchmark database for the peer's seeder: the departments
and each one's share of the tickets, the logins (staff and client users) and each client's
share, and the bulk seed's texts (helpdesk/demo/topics.py) with their placeholders filled.

    DATABASE_URL=... .venv/bin/python bench/peer/export_shape.py
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from accounts.models import User  # noqa: E402
from helpdesk.demo import texts  # noqa: E402
from helpdesk.demo.bulk import GENERIC_VALUES  # noqa: E402
from helpdesk.demo.topics import TOPICS  # noqa: E402
from helpdesk.tickets.models import Department, Ticket  # noqa: E402


def filled(templates) -> list[str]:
    return [texts.fill(template, **GENERIC_VALUES) for template in templates]


def topic_texts(topic) -> dict:
    return {
        "subjects": filled(topic.subjects),
        "openings": filled(topic.openings),
        "followups": filled(topic.followups + texts.THANKS),
        "replies": filled(topic.replies + texts.CLOSING_REPLIES),
        "notes": filled(topic.notes or ("Asked the client for details by phone.",)),
    }


def main():
    total = Ticket.objects.count()
    per_department = dict(Ticket.objects.values_list("department").annotate(n=Count("id")))
    per_client = dict(Ticket.objects.values_list("client").annotate(n=Count("id")))
    departments = [
        {
            "title": f"{d.provider.name} {d.name}",
            "name": d.name,
            "share": per_department.get(d.pk, 0) / total,
        }
        for d in Department.objects.select_related("provider").order_by("id")
    ]
    logins, seen_clients = [], set()
    for user in User.objects.order_by("id"):
        # A client's tickets go to its first login: the peer has no client accounts.
        first_login = user.client_id is not None and user.client_id not in seen_clients
        seen_clients.add(user.client_id)
        share = per_client.get(user.client_id, 0) / total if first_login else 0
        logins.append({
            "username": user.username, "email": user.email, "staff": user.client_id is None,
            "superuser": user.is_superuser, "first_name": user.first_name,
            "last_name": user.last_name, "share": share,
        })  # fmt: skip
    topics = {}
    for topic in TOPICS:
        topics.setdefault(topic.department, []).append(topic_texts(topic))
    json.dump({"tickets": total, "departments": departments, "logins": logins, "topics": topics},
              sys.stdout, indent=1)  # fmt: skip


if __name__ == "__main__":
    main()
