"""The demo installation: people, accounts and about 200 tickets built through the actions."""

import random
from datetime import timedelta

from django.db import transaction

from accounts.models import User
from helpdesk import clock
from helpdesk.demo.conversations import Conversation, script
from helpdesk.demo.directory import HOSTCO, Cast, build_cast
from helpdesk.demo.plans import plan_tickets
from helpdesk.demo.texts import SALES, TECH
from helpdesk.favorites.actions import add_favorites
from helpdesk.mail.models import Mailbox
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket

DEMO_SEED = 20240615
DEMO_MARKER_LOGIN = "root"
HISTORY_DAYS = 400

Status = Ticket.Status


def demo_present() -> bool:
    return User.objects.filter(username=DEMO_MARKER_LOGIN).exists()


@transaction.atomic
def seed_demo(*, password: str) -> None:
    rng = random.Random(DEMO_SEED)
    now = clock.now().replace(second=0, microsecond=0)
    demo_clock = clock.SimulatedClock(now - timedelta(days=HISTORY_DAYS))
    with clock.simulated(demo_clock):
        cast = build_cast(rng, clock=demo_clock, password=password)
        play_tickets(cast, rng, demo_clock=demo_clock, now=now)
        demo_clock.set(now - timedelta(minutes=30))
        finishing_touches(cast, rng, demo_clock=demo_clock, now=now)
    create_mailboxes(cast)


def play_tickets(cast: Cast, rng, *, demo_clock, now) -> None:
    plans = plan_tickets(cast, rng)
    for plan in plans:
        plan.steps = script(plan, rng)
    # Tickets are numbered in the order they were opened, as in a live installation.
    for plan in sorted(plans, key=lambda plan: plan.starts_at(now)):
        Conversation(plan, cast, rng).play(demo_clock, now)


def create_mailboxes(cast: Cast) -> None:
    """Delivered by pipe, so `receive_mail --mailbox support@hostco.example < mail.eml` can
    be tried at once. Complaints to the abuse mailbox wait in Unmatched mail for staff to
    open a case (docs/mail.md)."""
    tech = cast.departments[HOSTCO, TECH]
    Mailbox.objects.create(address="support@hostco.example", department=tech)
    Mailbox.objects.create(address="abuse@hostco.example", department=tech, is_abuse=True)


def finishing_touches(cast: Cast, rng, *, demo_clock, now) -> None:
    """What staff did in the last half hour: favorites, priorities, responsibility, blocks."""
    staff, staff2 = cast.staff["staff"], cast.staff["staff2"]
    personas = (cast.acme.pk, cast.globex.pk)
    queue = list(
        Ticket.objects.in_queue()
        .exclude(client__in=personas)
        .select_related("department")
        .order_by("id")
    )
    mine = list(Ticket.objects.in_queue().filter(department__members=staff).order_by("id"))
    add_favorites(rng.sample(mine, 6), user=staff)
    chosen = rng.sample(queue, 12)
    for ticket in chosen[:5]:
        actions.update_ticket(ticket, by=staff, high_priority=True)
    for ticket in chosen[5:8]:
        actions.update_ticket(ticket, by=staff, low_priority=True)
    for ticket in chosen[8:]:
        actions.update_ticket(ticket, by=staff, priority=2)
    hostco_tech = [t for t in queue if t.department == cast.departments[HOSTCO, TECH]]
    for ticket in rng.sample(hostco_tech, 4):
        actions.update_ticket(ticket, by=staff, responsible=staff)
    actions.update_ticket(hostco_tech[0], by=staff, deadline=now + timedelta(hours=5))
    block_some(queue, staff2, rng, demo_clock=demo_clock, now=now)


def block_some(queue, user, rng, *, demo_clock, now) -> None:
    """staff2 has a few tickets open right now, Sales ones first."""
    under_review = [ticket for ticket in queue if ticket.status == Status.UNDER_REVIEW]
    under_review.sort(key=lambda ticket: ticket.department.name != SALES)
    for ticket in under_review[:3]:
        demo_clock.set(now - timedelta(minutes=rng.randint(1, 15)))
        actions.open_for_staff(ticket, user=user)
