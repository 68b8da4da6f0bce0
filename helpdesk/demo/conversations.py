"""Demo tickets, each played through the real actions on a simulated clock."""

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from accounts.models import Client
from helpdesk.demo import texts
from helpdesk.demo.directory import Cast, domain_of, ip_of
from helpdesk.demo.texts import Topic, fill
from helpdesk.incidents.actions import charge_ticket
from helpdesk.messages.actions import rate_message, set_hidden
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Department, Service, Ticket
from helpdesk.violations.actions import register_violation
from helpdesk.violations.models import Violation

Status = Ticket.Status

# How long ago each kind of ticket saw its last event, in minutes (lowest, highest).
LAST_EVENT_AGO = {
    Status.NEW: (3, 2 * 24 * 60),
    Status.UNDER_REVIEW: (5, 3 * 24 * 60),
    Status.AWAITING_RESPONSE: (10, 6 * 24 * 60),
    Status.CLOSED: (60, 20 * 24 * 60),
    Status.ARCHIVED: (2 * 24 * 60, 60 * 24 * 60),
}


@dataclass
class TicketPlan:
    client: Client
    department: Department
    service: Service | None
    topic: Topic
    status: int
    ends_ago: timedelta
    rounds: int = 1
    extras: set[str] = field(default_factory=set)
    steps: list[tuple[int, str]] = field(default_factory=list)

    def starts_at(self, now: datetime) -> datetime:
        return now - self.ends_ago - timedelta(minutes=sum(gap for gap, _ in self.steps))


def script(plan: TicketPlan, rng) -> list[tuple[int, str]]:
    """The steps of the conversation, each with the minutes since the step before."""
    steps = [(0, "open")]
    if "violation" in plan.extras:
        steps.append((rng.randint(5, 30), "violation"))
    if "note" in plan.extras:
        steps.append((rng.randint(5, 90), "note"))
    if plan.status == Status.NEW:
        return steps + ([(rng.randint(3, 120), "nudge")] if rng.random() < 0.3 else [])
    if plan.status == Status.UNDER_REVIEW and plan.rounds == 0:
        return [*steps, (rng.randint(2, 60), "view")]
    if "hidden" in plan.extras:
        steps += [(rng.randint(10, 120), "wrong_reply"), (3, "hide")]
    for round_number in range(plan.rounds):
        steps.append((rng.randint(10, 300), "reply"))
        if round_number < plan.rounds - 1 or plan.status == Status.UNDER_REVIEW:
            steps.append((rng.randint(30, 1440), "client"))
    if "split" in plan.extras:
        steps[-1:] = [(rng.randint(30, 600), "second_question"), (rng.randint(5, 60), "split")]
    if "charge" in plan.extras:
        steps.append((rng.randint(5, 60), "charge"))
    if plan.status in (Status.CLOSED, Status.ARCHIVED):
        steps += closing_steps(rng)
    if "rating" in plan.extras:
        steps.append((rng.randint(5, 600), "rate"))
    if "read" in plan.extras:
        steps.append((rng.randint(5, 600), "read"))
    if plan.status == Status.ARCHIVED:
        steps.append((rng.randint(24 * 60, 10 * 24 * 60), "archive"))
    return steps


def closing_steps(rng) -> list[tuple[int, str]]:
    if rng.random() < 0.5:
        return [(rng.randint(20, 1440), "thanks"), (rng.randint(10, 600), "close")]
    return [(rng.randint(20, 1440), "closing_reply")]


class Conversation:
    """Plays one plan: each step calls the action a person would have caused."""

    def __init__(self, plan: TicketPlan, cast: Cast, rng):
        self.plan, self.rng = plan, rng
        self.author = cast.logins[plan.client.pk]
        members = sorted(plan.department.members.all(), key=lambda user: user.username)
        self.agent = members[0]
        self.values = {
            "domain": domain_of(plan.client),
            "service": plan.service.name if plan.service else domain_of(plan.client),
            "ip": ip_of(plan.client),
            "name": self.author.first_name,
            "agent": self.agent.first_name,
            "provider": plan.department.provider.name,
        }
        # Replies and follow-ups are written to go with the opening of the same position.
        self.variant = rng.randrange(len(plan.topic.openings))
        self.replies = rotated(plan.topic.replies, self.variant)
        self.followups = rotated(plan.topic.followups, self.variant)
        self.ticket = None
        self.wrong_reply = None
        self.split_at = None

    def text(self, template: str) -> str:
        return fill(template, **self.values)

    def play(self, clock, now: datetime) -> Ticket:
        clock.set(self.plan.starts_at(now))
        for gap, step in self.plan.steps:
            clock.advance(gap)
            getattr(self, f"step_{step}")()
        return self.ticket

    def step_open(self):
        self.ticket = actions.open_ticket(
            self.plan.client,
            author=self.author,
            subject=self.text(self.rng.choice(self.plan.topic.subjects)),
            body=self.text(self.plan.topic.openings[self.variant]),
            department=self.plan.department,
            service=self.plan.service,
            client_priority=self.rng.choices((0, 1, 2), weights=(15, 70, 15))[0],
            notify=False,  # demo data writes to nobody
        )

    def step_client(self):
        self.client_says(next(self.followups))

    def step_nudge(self):
        self.client_says(self.rng.choice(texts.NUDGES))

    def step_thanks(self):
        self.client_says(self.rng.choice(texts.THANKS))

    def step_second_question(self):
        self.split_at = self.client_says(self.rng.choice(texts.SECOND_QUESTIONS))

    def client_says(self, template: str) -> Message:
        return actions.post_client_message(
            self.ticket, author=self.author, body=self.text(template), notify=False
        )

    def step_view(self):
        actions.open_for_staff(self.ticket, user=self.agent)

    def step_note(self):
        notes = self.plan.topic.notes or ("Asked the client for details by phone as well.",)
        actions.add_note(self.ticket, author=self.agent, body=self.text(self.rng.choice(notes)))

    def step_reply(self):
        self.staff_says(next(self.replies))

    def step_closing_reply(self):
        self.staff_says(self.rng.choice(texts.CLOSING_REPLIES), close=True)

    def step_wrong_reply(self):
        self.wrong_reply = self.staff_says(texts.WRONG_REPLY)

    def staff_says(self, template: str, *, close=False) -> Message:
        actions.open_for_staff(self.ticket, user=self.agent)
        return actions.post_staff_reply(
            self.ticket, author=self.agent, body=self.text(template), close=close, notify=False
        )

    def step_hide(self):
        set_hidden([self.wrong_reply], by=self.agent, hidden=True)
        actions.add_note(self.ticket, author=self.agent, body=texts.HIDDEN_REPLY_NOTE)

    def step_split(self):
        actions.split_ticket(self.ticket, message=self.split_at, by=self.agent)

    def step_close(self):
        actions.close_tickets([self.ticket], by=self.agent)

    def step_archive(self):
        actions.archive_tickets([self.ticket], by=self.author)

    def step_read(self):
        # The actions lock and return their own copies; open_for_client trusts the one it gets.
        self.ticket.refresh_from_db()
        actions.open_for_client(self.ticket, reader=self.ticket.created_by)

    def step_rate(self):
        reply = self.ticket.messages.filter(kind=Message.Kind.OUTCOMING, hidden=False).last()
        rating = self.rng.choices((Message.Rating.GOOD, Message.Rating.BAD), weights=(85, 15))
        rate_message(reply, rating=rating[0])

    def step_violation(self):
        register_violation(
            self.ticket,
            by=self.agent,
            score=self.rng.choice((10, 25, 50)),
            note=self.text(self.rng.choice(texts.VIOLATION_NOTES)),
            action=Violation.Action.FORWARD,
        )

    def step_charge(self):
        charge_ticket(
            self.ticket,
            amount=self.rng.choice(("25.00", "40.00")),
            by=self.agent,
            comment=self.rng.choice(texts.CHARGE_COMMENTS),
        )


def rotated(items, start: int):
    """The items from `start`, round and round."""
    start %= len(items)
    return itertools.cycle(items[start:] + items[:start])
