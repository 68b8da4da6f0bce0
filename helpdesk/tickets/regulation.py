"""Time rules of the queue: response deadlines in business hours, the waiting delay, and
the queue weight."""

from datetime import datetime, timedelta

from django.utils import timezone

from helpdesk import clock
from helpdesk.tickets import schedule

PRIORITY_WEIGHT = 60  # minutes of waiting one step of staff priority is worth
CLIENT_PRIORITY_WEIGHT = 15
HIGH_PRIORITY_WEIGHT = 600
LOW_PRIORITY_WEIGHT = -600
PREMIUM_WEIGHT = 120
# Far more minutes than any ticket can wait: keeps answered tickets below waiting ones.
NOT_WAITING_OFFSET = 1_000_000_000


def response_deadline(department, start: datetime) -> datetime:
    """`start` plus the department's response time counted in its business hours (its
    per-day hours, time zone and holidays: `schedule`)."""
    remaining = timedelta(minutes=department.response_minutes)
    if not schedule.has_hours(department):
        return start + remaining
    for opens, closes in schedule.spans(department, start):
        moment = max(opens, start)
        available = closes - moment
        if remaining <= available:
            return timezone.localtime(moment + remaining)
        remaining -= available
    return start + remaining  # no working time within the horizon (all holidays)


def format_delay(since, now=None) -> str:
    """BILLmanager's `delay`: `Nd+HH:MM`, days always present (clients parse it so)."""
    if since is None:
        return ""
    minutes = max(0, int(((now or clock.now()) - since).total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return f"{days}d+{hours:02d}:{minutes:02d}"


def static_weight(ticket) -> int:
    client = ticket.client
    weight = ticket.priority * PRIORITY_WEIGHT + ticket.client_priority * CLIENT_PRIORITY_WEIGHT
    weight += HIGH_PRIORITY_WEIGHT if ticket.high_priority else 0
    weight += LOW_PRIORITY_WEIGHT if ticket.low_priority else 0
    weight += PREMIUM_WEIGHT if client.premium else 0
    return weight + client.queue_weight() + ticket.department.weight


def epoch_minutes(moment: datetime) -> int:
    return int(moment.timestamp() // 60)


def queue_key(ticket) -> int:
    """Sorts like "static weight + minutes waited" but does not change as time passes.
    Tickets where nobody waits (staff answered last) sort below every waiting one."""
    return sort_key(static_weight(ticket), ticket.waiting_since, last_activity(ticket))


def sort_key(weight: int, waiting_since, last_active) -> int:
    if waiting_since is not None:
        return weight - epoch_minutes(waiting_since)
    return weight - epoch_minutes(last_active) - NOT_WAITING_OFFSET


def last_activity(ticket) -> datetime:
    return ticket.last_message_at or ticket.created_at or clock.now()


def queue_weight(ticket, now=None) -> int:
    """The `queue` column: the static weight plus the minutes the client has waited."""
    if ticket.waiting_since is not None:
        return ticket.queue_key + epoch_minutes(now or clock.now())
    return ticket.queue_key + NOT_WAITING_OFFSET + epoch_minutes(last_activity(ticket))
