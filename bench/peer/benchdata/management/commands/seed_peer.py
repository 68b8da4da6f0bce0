"""Seed django-helpdesk with the shape of our benchmark database (bench/peer/export_shape.py):
the same logins, one queue per department with its share of the tickets, each client's share
of the tickets, our bulk seed's texts, 1-6 messages a ticket (+1 for archived, +1 for a
staff note in 10%) as follow-ups, ~3.3 a ticket like ours. bulk_create, seeded RNG.

    bench/peer/.venv/bin/python bench/peer/manage.py seed_peer --shape shape.json --tickets N
"""

import json
import random
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from helpdesk.models import FollowUp, Queue, Ticket

SEED = 7_000_000
BATCH = 5000
PASSWORD = "demo"  # as our demo logins
# Our statuses mapped onto the peer's: new and under review are open, awaiting the client
# counts as reopened (both are in the peer's default list, as all three are in our queue),
# closed is resolved, archived is closed.
STATUSES = (
    (Ticket.OPEN_STATUS, 10),
    (Ticket.REOPENED_STATUS, 10),
    (Ticket.RESOLVED_STATUS, 25),
    (Ticket.CLOSED_STATUS, 55),
)
MESSAGE_COUNT_WEIGHTS = (25, 30, 20, 12, 8, 5)  # 1…6 messages, as helpdesk/demo/bulk.py
SPAN = timedelta(days=730)


class Command(BaseCommand):
    help = "Seed django-helpdesk with the shape of our benchmark database."

    def add_arguments(self, parser):
        parser.add_argument("--shape", required=True, help="JSON from export_shape.py")
        parser.add_argument("--tickets", type=int, required=True)

    def handle(self, *args, shape, tickets, **options):
        with open(shape, encoding="utf-8") as source:
            data = json.load(source)
        users = make_users(data["logins"])
        queues = make_queues(data["departments"])
        have = Ticket.objects.count()
        factory = Factory(data, users, queues, tickets)
        created = Ticket._meta.get_field("created")
        modified = Ticket._meta.get_field("modified")
        # auto_now(_add) would stamp every bulk row with "now".
        with (
            mock.patch.object(created, "auto_now_add", False),
            mock.patch.object(modified, "auto_now", False),
        ):
            for start in range(have, tickets, BATCH):
                write_batch(
                    [factory.make(index) for index in range(start, min(start + BATCH, tickets))]
                )
                if (start + BATCH) % 100_000 == 0:
                    self.stdout.write(f"tickets: {start + BATCH}")
        self.stdout.write(
            f"peer: {Ticket.objects.count()} tickets, {FollowUp.objects.count()} follow-ups, "
            f"{len(queues)} queues, {len(users)} users"
        )


def make_users(logins) -> dict:
    User = get_user_model()
    password = make_password(PASSWORD)
    users = {}
    for login in logins:
        user, _ = User.objects.get_or_create(
            username=login["username"],
            defaults={
                "email": login["email"],
                "first_name": login["first_name"],
                "last_name": login["last_name"],
                "is_staff": login["staff"],
                "is_superuser": login["superuser"],
                "password": password,
            },
        )
        users[login["username"]] = (user, login)
    return users


def make_queues(departments) -> list:
    queues = []
    for department in departments:
        queue, _ = Queue.objects.get_or_create(
            slug=slugify(department["title"])[:50],
            defaults={"title": department["title"], "allow_public_submission": True},
        )
        queues.append((queue, department))
    return queues


class Factory:
    def __init__(self, data, users, queues, total):
        self.rng = random.Random(SEED)
        self.topics = data["topics"]
        self.queues = [queue for queue, _ in queues]
        self.queue_weights = [department["share"] for _, department in queues]
        self.queue_names = {queue.pk: department["name"] for queue, department in queues}
        self.customers = [(user, login) for user, login in users.values() if not login["staff"]]
        self.customer_weights = [login["share"] for _, login in self.customers]
        self.agents = [
            user for user, login in users.values() if login["staff"] and not login["superuser"]
        ]
        self.total = total
        self.now = timezone.now()

    def make(self, index) -> tuple:
        rng = self.rng
        queue = rng.choices(self.queues, self.queue_weights)[0]
        topics = self.topics.get(self.queue_names[queue.pk]) or self.topics["Technical support"]
        topic = rng.choice(topics)
        customer = rng.choices(self.customers, self.customer_weights)[0][0]
        agent = rng.choice(self.agents)
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        # Ids grow with the creation date, over two years.
        created = self.now - SPAN * (1 - index / self.total) - timedelta(minutes=rng.randint(0, 60))
        opening = rng.choice(topic["openings"])
        ticket = Ticket(
            title=rng.choice(topic["subjects"]),
            queue=queue,
            created=created,
            modified=created,
            submitter_email=customer.email,
            assigned_to=agent if rng.random() < 0.85 else None,
            status=status,
            description=opening,
            priority=rng.choices((1, 2, 3, 4, 5), (5, 15, 50, 20, 10))[0],
        )
        thread = self.followups(topic, opening, status, created, customer, agent)
        ticket.modified = thread[-1].date
        return ticket, thread

    def followups(self, topic, opening, status, moment, customer, agent) -> list:
        rng = self.rng
        count = rng.choices(range(1, 7), MESSAGE_COUNT_WEIGHTS)[0]
        drafts = []
        for number in range(count):
            moment += timedelta(minutes=rng.randint(5, 2 * 24 * 60))
            if number == 0:
                drafts.append(("Ticket Opened", opening, True, customer, moment, None))
            elif number % 2:
                reply = rng.choice(topic["replies"])
                drafts.append(("Comment", reply, True, agent, moment, None))
            else:
                drafts.append(
                    ("Comment", rng.choice(topic["followups"]), True, customer, moment, None)
                )
        if rng.random() < 0.1:
            note = rng.choice(topic["notes"])
            drafts.insert(
                1, ("Comment", note, False, agent, drafts[0][4] + timedelta(minutes=1), None)
            )
        if status == Ticket.CLOSED_STATUS:
            moment += timedelta(days=rng.randint(1, 30))
            drafts.append(("Closed", "", True, agent, moment, Ticket.CLOSED_STATUS))
        return [
            FollowUp(
                title=title, comment=comment, public=public, user=user, date=date, new_status=new
            )
            for title, comment, public, user, date, new in drafts
        ]


@transaction.atomic
def write_batch(drafts) -> None:
    Ticket.objects.bulk_create([ticket for ticket, _ in drafts])
    followups = []
    for ticket, thread in drafts:
        for followup in thread:
            followup.ticket_id = ticket.pk
            followups.append(followup)
    FollowUp.objects.bulk_create(followups)
