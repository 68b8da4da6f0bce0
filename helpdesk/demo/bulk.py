"""Many tickets fast, for performance work: rows computed in Python, written with bulk_create.

The actions are far too slow for a million tickets, so this module derives the fields
they keep (status, in_queue, waiting_since, queue_key, deadline, last_message_*) itself,
by the same rules. Message HTML is rendered once per distinct body, not per row.
"""

import functools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import reset_queries, transaction

from accounts.models import Client, User
from helpdesk import clock
from helpdesk.demo import texts
from helpdesk.demo.topics import TOPICS
from helpdesk.messages.markdown import render_markdown
from helpdesk.messages.models import Message
from helpdesk.tickets import regulation, summary
from helpdesk.tickets.models import Department, Ticket

BULK_SEED = 7_000_000
BATCH_SIZE = 5000
Status = Ticket.Status
Kind = Message.Kind

STATUS_WEIGHTS = {
    Status.ARCHIVED: 55,
    Status.CLOSED: 25,
    Status.AWAITING_RESPONSE: 10,
    Status.UNDER_REVIEW: 6,
    Status.NEW: 4,
}
# How long ago each kind of ticket saw its last event, in minutes (lowest, highest).
LAST_EVENT_AGO = {
    Status.NEW: (1, 3 * 24 * 60),
    Status.UNDER_REVIEW: (1, 7 * 24 * 60),
    Status.AWAITING_RESPONSE: (10, 14 * 24 * 60),
    Status.CLOSED: (60, 25 * 24 * 60),
    Status.ARCHIVED: (24 * 60, 730 * 24 * 60),
}
MESSAGE_COUNT_WEIGHTS = (25, 30, 20, 12, 8, 5)  # for 1…6 messages
GENERIC_VALUES = {
    "domain": "customer-site.example",
    "service": "vps-customer-01.example.net",
    "ip": "203.0.113.50",
    "name": "Sam",
    "agent": "Kim",
    "provider": "our",
}


@dataclass(frozen=True)
class Body:
    text: str
    html: str


def body(template: str) -> Body:
    text = texts.fill(template, **GENERIC_VALUES)
    return Body(text, render_markdown(text))


ARCHIVE_MESSAGE = body("Ticket was moved to Archive")


# The bulk texts repeat: each excerpt is made once.
excerpt = functools.cache(summary.excerpt)


@dataclass(frozen=True)
class BulkTopic:
    subjects: tuple[str, ...]
    openings: tuple[Body, ...]
    followups: tuple[Body, ...]
    replies: tuple[Body, ...]
    notes: tuple[Body, ...]


def bulk_topic(topic) -> BulkTopic:
    return BulkTopic(
        subjects=tuple(texts.fill(subject, **GENERIC_VALUES) for subject in topic.subjects),
        openings=tuple(map(body, topic.openings)),
        followups=tuple(map(body, topic.followups + texts.THANKS)),
        replies=tuple(map(body, topic.replies + texts.CLOSING_REPLIES)),
        notes=tuple(map(body, topic.notes or ("Asked the client for details by phone.",))),
    )


@dataclass(frozen=True)
class Target:
    """Where a ticket can go: a client's login, one of its services, a department."""

    client_id: int
    login_id: int
    client_weight: int
    service_id: int | None
    department: Department
    agent_ids: tuple[int, ...]
    topics: tuple[BulkTopic, ...]


def load_targets() -> list[Target]:
    topics = {}
    for topic in TOPICS:
        topics.setdefault(topic.department, []).append(bulk_topic(topic))
    # A bulk ticket cannot consume a paid incident, so paid departments get none.
    departments = list(
        Department.objects.filter(requires_incident=False, shown_to_clients=True)
        .select_related("provider")
        .prefetch_related("members")
    )
    superusers = User.objects.filter(is_superuser=True).order_by("id")
    fallback_agents = tuple(superusers.values_list("id", flat=True))
    clients = Client.objects.prefetch_related("users", "services", "groups")
    targets = []
    for client in clients.select_related("attitude").order_by("id"):
        for department in departments:
            agents = tuple(sorted(member.pk for member in department.members.all()))
            department_topics = tuple(topics.get(department.name) or topics[texts.TECH])
            targets += targets_of(client, department, agents or fallback_agents, department_topics)
    return targets


def targets_of(client, department, agent_ids, topics) -> list[Target]:
    logins = sorted(client.users.all(), key=lambda user: user.pk)
    if not logins:
        return []
    weight = client.queue_weight() + (regulation.PREMIUM_WEIGHT if client.premium else 0)
    services = [s.pk for s in client.services.all() if s.provider_id == department.provider_id]
    return [
        Target(client.pk, logins[0].pk, weight, service_id, department, agent_ids, topics)
        for service_id in [*services, None]
    ]


class TicketFactory:
    """Draws one ticket and its thread at a time; everything derives from the seeded RNG."""

    def __init__(self, rng: random.Random, targets: list[Target], now: datetime):
        self.rng, self.targets, self.now = rng, targets, now
        self.statuses = list(STATUS_WEIGHTS)
        self.status_weights = list(STATUS_WEIGHTS.values())

    def make(self) -> tuple[Ticket, list[Message]]:
        rng = self.rng
        target = rng.choice(self.targets)
        topic = rng.choice(target.topics)
        status = rng.choices(self.statuses, self.status_weights)[0]
        kinds = thread_kinds(rng, status)
        times = self.timeline(status, len(kinds))
        messages = [
            self.message(target, topic, kind, moment, first=index == 0)
            for index, (kind, moment) in enumerate(zip(kinds, times, strict=False))
        ]
        ticket = self.ticket(target, topic, status, messages, times)
        return ticket, messages

    def timeline(self, status, message_count: int) -> list[datetime]:
        """When each message was posted, then (closed tickets) closed and archived."""
        rng = self.rng
        gaps = [rng.randint(5, 2 * 24 * 60) for _ in range(message_count + 1)]
        if status == Status.ARCHIVED:
            gaps.append(rng.randint(24 * 60, 30 * 24 * 60))
        moment = self.now - timedelta(minutes=rng.randint(*LAST_EVENT_AGO[status]) + sum(gaps))
        times = []
        for gap in gaps:
            moment += timedelta(minutes=gap)
            times.append(moment)
        return times

    def message(self, target, topic, kind, moment, *, first) -> Message:
        if kind == Kind.INCOMING:
            chosen = self.rng.choice(topic.openings if first else topic.followups)
            author = target.login_id
        elif kind == Kind.SYSTEM:
            chosen, author = ARCHIVE_MESSAGE, None
        else:
            chosen = self.rng.choice(topic.replies if kind == Kind.OUTCOMING else topic.notes)
            author = self.rng.choice(target.agent_ids)
        return Message(
            author_id=author, kind=kind, body=chosen.text, html=chosen.html, created_at=moment
        )

    def ticket(self, target, topic, status, messages, times) -> Ticket:
        rng = self.rng
        conversation = [m for m in messages if m.kind in (Kind.INCOMING, Kind.OUTCOMING)]
        last = conversation[-1]
        waiting_since = (
            unanswered_since(conversation) if status < Status.AWAITING_RESPONSE else None
        )
        flag = rng.random()
        ticket = Ticket(
            subject=rng.choice(topic.subjects),
            client_id=target.client_id,
            created_by_id=target.login_id,
            provider_id=target.department.provider_id,
            department_id=target.department.pk,
            service_id=target.service_id,
            priority=rng.choices((0, 1, 2), weights=(10, 80, 10))[0],
            client_priority=rng.choices((0, 1, 2), weights=(15, 70, 15))[0],
            high_priority=flag < 0.01,
            low_priority=0.01 <= flag < 0.02,
            status=status,
            in_queue=status < Status.CLOSED,
            waiting_since=waiting_since,
            unread_by_staff=unread_by_staff(status, conversation),
            unread_by_client=status == Status.AWAITING_RESPONSE and rng.random() < 0.5,
            from_gate=rng.random() < 0.05,
            last_message_at=last.created_at,
            last_message_excerpt=excerpt(last.body),
            created_at=messages[0].created_at,
        )
        if waiting_since is not None:
            ticket.deadline = regulation.response_deadline(target.department, waiting_since)
        if status >= Status.CLOSED:
            ticket.closed_at = times[len(messages)]
        if status == Status.ARCHIVED:
            ticket.archived_at = times[-1]
            messages.append(self.message(target, topic, Kind.SYSTEM, times[-1], first=False))
        ticket.queue_key = regulation.sort_key(
            static_weight(ticket, target), waiting_since, last.created_at
        )
        return ticket


def thread_kinds(rng, status) -> list[str]:
    """Incoming and outcoming messages alternate; the status decides who wrote last."""
    if status == Status.NEW:
        count = rng.choice((1, 1, 1, 2))
        return [Kind.INCOMING] * count
    count = rng.choices(range(1, 7), weights=MESSAGE_COUNT_WEIGHTS)[0]
    if status == Status.UNDER_REVIEW and count % 2 == 0:
        count -= 1  # ends with the client; a lone message means staff only opened it
    if status == Status.AWAITING_RESPONSE and count % 2:
        count += 1
    kinds = [Kind.INCOMING if index % 2 == 0 else Kind.OUTCOMING for index in range(count)]
    if rng.random() < 0.1:
        kinds.insert(1, Kind.NOTE)
    return kinds


def unread_by_staff(status, conversation) -> bool:
    """A new ticket, or a client message after a reply; a lone message under review was
    opened by staff already."""
    if status == Status.NEW:
        return True
    return status == Status.UNDER_REVIEW and len(conversation) > 1


def unanswered_since(conversation) -> datetime | None:
    since = None
    for message in conversation:
        if message.kind == Kind.OUTCOMING:
            since = None
        elif since is None:
            since = message.created_at
    return since


def static_weight(ticket, target) -> int:
    """regulation.static_weight without the queries: the client's part is precomputed."""
    weight = (
        ticket.priority * regulation.PRIORITY_WEIGHT
        + ticket.client_priority * regulation.CLIENT_PRIORITY_WEIGHT
    )
    weight += regulation.HIGH_PRIORITY_WEIGHT if ticket.high_priority else 0
    weight += regulation.LOW_PRIORITY_WEIGHT if ticket.low_priority else 0
    return weight + target.client_weight + target.department.weight


def add_bulk_tickets(count: int, *, progress=None, batch_size=BATCH_SIZE) -> None:
    targets = load_targets()
    if not targets:
        raise ValueError("No client with a login and a department to file tickets in.")
    rng = random.Random(BULK_SEED + Ticket.objects.count())
    factory = TicketFactory(rng, targets, clock.now())
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        write_batch([factory.make() for _ in range(size)])
        done += size
        if progress:
            progress(done, count)


@transaction.atomic
def write_batch(drafts: list[tuple[Ticket, list[Message]]]) -> None:
    Ticket.objects.bulk_create([ticket for ticket, _ in drafts])
    messages = []
    for ticket, thread in drafts:
        for message in thread:
            message.ticket_id = ticket.pk
            messages.append(message)
    Message.objects.bulk_create(messages)
    # With DEBUG on, Django keeps every query's SQL; these are megabytes each.
    reset_queries()
