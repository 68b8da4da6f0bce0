"""Which demo tickets exist: a fixed few for the test personas, the rest drawn at random."""

from collections import Counter
from datetime import timedelta

from helpdesk.demo.conversations import LAST_EVENT_AGO, TicketPlan
from helpdesk.demo.directory import Cast
from helpdesk.demo.texts import BILLING, SALES, TECH
from helpdesk.demo.topics import TOPICS, TOPICS_BY_KEY
from helpdesk.tickets.models import Ticket

Status = Ticket.Status

# With the featured tickets and one split this makes about 200.
RANDOM_STATUSES = {
    Status.NEW: 24,
    Status.UNDER_REVIEW: 38,
    Status.AWAITING_RESPONSE: 42,
    Status.CLOSED: 42,
    Status.ARCHIVED: 43,
}
DEPARTMENT_WEIGHTS = {TECH: 70, SALES: 18, BILLING: 12}
BILLING_TICKETS_PER_PAID_CLIENT = 6

# client ("acme"/"globex"), topic, status, last event minutes ago, staff replies,
# extras, kind of service the ticket is about
FEATURED = (
    ("acme", "bad-gateway", Status.NEW, 25, 0, (), "VPS"),
    ("acme", "dns", Status.UNDER_REVIEW, 3 * 60, 1, (), "Domain"),
    ("acme", "ssl", Status.AWAITING_RESPONSE, 40, 1, (), "Shared hosting"),
    ("acme", "disk", Status.AWAITING_RESPONSE, 2 * 24 * 60, 2, ("read",), "VPS"),
    ("acme", "mail", Status.CLOSED, 2 * 24 * 60, 1, ("rating",), "Shared hosting"),
    ("acme", "ptr", Status.ARCHIVED, 20 * 24 * 60, 1, (), "VPS"),
    ("acme", "upgrade", Status.AWAITING_RESPONSE, 24 * 60, 1, ("read",), "VPS"),
    ("globex", "slow", Status.NEW, 2 * 60, 0, (), "Dedicated server"),
    ("globex", "cron", Status.AWAITING_RESPONSE, 5 * 60, 1, (), "Dedicated server"),
    ("globex", "ssh", Status.CLOSED, 4 * 24 * 60, 1, ("rating",), "Dedicated server"),
    ("globex", "migration", Status.ARCHIVED, 30 * 24 * 60, 2, (), "Dedicated server"),
)


def plan_tickets(cast: Cast, rng) -> list[TicketPlan]:
    plans = [featured_plan(cast, *row) for row in FEATURED]
    statuses = [status for status, count in RANDOM_STATUSES.items() for _ in range(count)]
    rng.shuffle(statuses)
    billing_used = Counter()
    random_plans = [random_plan(cast, rng, status, billing_used) for status in statuses]
    add_special_extras(random_plans, rng)
    return plans + random_plans


def featured_plan(cast, who, topic_key, status, minutes_ago, rounds, extras, kind):
    client = cast.acme if who == "acme" else cast.globex
    topic = TOPICS_BY_KEY[topic_key]
    return TicketPlan(
        client=client,
        department=cast.departments[cast.home[client.pk].name, topic.department],
        service=next(service for service in cast.services[client.pk] if service.kind == kind),
        topic=topic,
        status=status,
        ends_ago=timedelta(minutes=minutes_ago),
        rounds=rounds,
        extras=set(extras),
    )


def random_plan(cast, rng, status, billing_used: Counter) -> TicketPlan:
    client = rng.choice(cast.fillers)
    department_name = rng.choices(list(DEPARTMENT_WEIGHTS), list(DEPARTMENT_WEIGHTS.values()))[0]
    if department_name == BILLING:
        client = paid_client_with_incidents(cast, rng, billing_used)
        department_name = BILLING if client else TECH
        client = client or rng.choice(cast.fillers)
    topic = rng.choice([topic for topic in TOPICS if topic.department == department_name])
    services = cast.services[client.pk]
    wants_service = department_name == TECH or (department_name == SALES and rng.random() < 0.5)
    return TicketPlan(
        client=client,
        department=cast.departments[cast.home[client.pk].name, department_name],
        service=rng.choice(services) if wants_service else None,
        topic=topic,
        status=status,
        ends_ago=timedelta(minutes=rng.randint(*LAST_EVENT_AGO[status])),
        rounds=random_rounds(rng, status),
        extras=random_extras(rng, status),
    )


def paid_client_with_incidents(cast, rng, billing_used: Counter):
    """Billing needs an incident per ticket; only clients who bought some may open one."""
    able = [c for c in cast.paid if billing_used[c.pk] < BILLING_TICKETS_PER_PAID_CLIENT]
    if not able:
        return None
    client = rng.choice(able)
    billing_used[client.pk] += 1
    return client


def random_rounds(rng, status) -> int:
    if status == Status.NEW:
        return 0
    if status == Status.UNDER_REVIEW:
        return rng.choice((0, 1, 1, 2))
    return rng.choice((1, 1, 2))


def random_extras(rng, status) -> set[str]:
    extras = {"note"} if rng.random() < 0.25 else set()
    if status in (Status.CLOSED, Status.ARCHIVED) and rng.random() < 0.4:
        extras.add("rating")
    if status == Status.AWAITING_RESPONSE and rng.random() < 0.5:
        extras.add("read")
    return extras


def add_special_extras(plans: list[TicketPlan], rng) -> None:
    """One hidden reply, one split, a few violations and charges, on client tickets other
    than the personas' so that their balance and history stay predictable."""
    first_of(plans, Status.AWAITING_RESPONSE, TECH).extras.add("hidden")
    splittable = [plan for plan in plans if plan.status == Status.UNDER_REVIEW and plan.rounds]
    splittable[0].extras.add("split")
    for plan in rng.sample([plan for plan in plans if plan.status != Status.NEW], 3):
        plan.extras.add("violation")
    closed = [plan for plan in plans if plan.status == Status.CLOSED]
    for plan in rng.sample(closed, 2):
        plan.extras.add("charge")


def first_of(plans, status, department_name) -> TicketPlan:
    return next(
        plan for plan in plans if plan.status == status and plan.department.name == department_name
    )
