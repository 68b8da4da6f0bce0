"""Who holds a ticket (blocking), and taking it out of the queue: close and archive."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.policies import acting_staff
from helpdesk import clock
from helpdesk.errors import ActionError
from helpdesk.messages.actions import add_system_message
from helpdesk.tickets import events, notifications
from helpdesk.tickets.actions.common import Status, ids_of, lock, save_ticket
from helpdesk.tickets.models import Ticket
from helpdesk.tickets.policies import unarchivable_reason


def block_is_live(ticket, now=None) -> bool:
    if ticket.blocked_by_id is None or ticket.blocked_at is None:
        return False
    expiry = timedelta(minutes=settings.HELPDESK["BLOCK_MINUTES"])
    return (now or clock.now()) - ticket.blocked_at < expiry


def blocked_by_other(ticket, user) -> bool:
    return block_is_live(ticket) and ticket.blocked_by_id != user.pk


@transaction.atomic
def open_for_staff(ticket, *, user, take_over=False) -> Ticket:
    """A staff member opens the ticket: it is blocked for them (unless someone else holds
    it and they did not take it over), unread clears, and a new ticket is under review.
    The caller has checked `to="work"` access."""
    ticket = lock(ticket)
    if take_over or not blocked_by_other(ticket, user):
        record_block_taken(ticket, user)
        ticket.blocked_by = user
        ticket.blocked_at = clock.now()
    ticket.unread_by_staff = False
    if ticket.status == Status.NEW:
        ticket.status = Status.UNDER_REVIEW
    ticket.save(update_fields=["blocked_by", "blocked_at", "unread_by_staff", "status"])
    return ticket


def record_block_taken(ticket, user) -> None:
    """A new holder (or one taking over from a colleague), not the holder looking again."""
    if ticket.blocked_by_id == user.pk and block_is_live(ticket):
        return
    if blocked_by_other(ticket, user):
        events.record(
            ticket, events.Kind.BLOCK_TAKEN, actor=user, **{"from": str(ticket.blocked_by)}
        )
    else:
        events.record(ticket, events.Kind.BLOCK_TAKEN, actor=user)


def open_for_client(ticket, *, reader) -> None:
    """The client reads the ticket: staff replies are no longer unread. Staff looking
    through the client's eyes (`ticket.su`) leave the client's unread mark alone."""
    if acting_staff(reader) is not None:
        return
    Ticket.objects.filter(pk=ticket.pk, unread_by_client=True).update(unread_by_client=False)
    ticket.unread_by_client = False


def release_block(ticket, *, by) -> None:
    if ticket.blocked_by_id == by.pk or not block_is_live(ticket):
        ticket.blocked_by = None
        ticket.blocked_at = None


@transaction.atomic
def release_own_block(ticket, *, by) -> bool:
    """The holder lets the ticket go before the block expires; False if they did not hold it."""
    ticket = lock(ticket)
    if ticket.blocked_by_id != by.pk or not block_is_live(ticket):
        return False
    events.record(ticket, events.Kind.BLOCK_RELEASED, actor=by)
    ticket.blocked_by, ticket.blocked_at = None, None
    ticket.save(update_fields=["blocked_by", "blocked_at"])
    return True


@transaction.atomic
def unblock_tickets(tickets, *, by) -> int:
    blocked = Ticket.objects.filter(pk__in=ids_of(tickets), blocked_by__isnull=False)
    events.record_each(list(blocked.only("pk")), events.Kind.BLOCK_RELEASED, actor=by)
    return blocked.update(blocked_by=None, blocked_at=None, changed_at=clock.now())


def close_one(ticket, *, by) -> None:
    events.record(ticket, events.Kind.CLOSED, actor=by)
    ticket.status = Status.CLOSED
    ticket.in_queue = False
    ticket.closed_at = clock.now()
    ticket.blocked_by = None
    ticket.blocked_at = None
    ticket.waiting_since = None
    if not ticket.deadline_manual:
        ticket.deadline = None


@transaction.atomic
def close_tickets(tickets, *, by) -> list[Ticket]:
    """Take tickets out of the queue (`ticket.delete`). Nothing is deleted."""
    closed = []
    for ticket in Ticket.objects.select_for_update().filter(pk__in=ids_of(tickets)).order_by("pk"):
        if ticket.is_closed:
            continue
        close_one(ticket, by=by)
        save_ticket(ticket)
        closed.append(ticket)
    notifications.tickets_closed(closed, by=by)
    return closed


SOLVED_BY_CLIENT = gettext_lazy("The client marked the ticket as solved")


@transaction.atomic
def mark_solved(ticket, *, by) -> None:
    """The client says the problem is solved: the ticket closes (a message from them later
    reopens it, as any client message to a closed ticket does). The caller has checked
    `can_mark_solved`."""
    ticket = lock(ticket)
    if ticket.is_closed:
        return
    close_one(ticket, by=by)
    add_system_message(ticket, SOLVED_BY_CLIENT, by=by)
    save_ticket(ticket)


@transaction.atomic
def archive_tickets(tickets, *, by) -> list[Ticket]:
    """The client archives closed tickets; the caller checked `can_archive` for each. A
    ticket that changed meanwhile (support reopened it) refuses the whole batch."""
    locked = list(Ticket.objects.select_for_update().filter(pk__in=ids_of(tickets)).order_by("pk"))
    refused = [reason for reason in map(unarchivable_reason, locked) if reason]
    if refused:
        raise ActionError(_("Not archived: %(list)s") % {"list": "; ".join(refused)}, field="elid")
    for ticket in locked:
        archive_one(ticket, gettext_lazy("Ticket was moved to Archive"), by=by)
    return locked


def archive_one(ticket, text, *, by, **params) -> None:
    events.record(ticket, events.Kind.ARCHIVED, actor=by)
    add_system_message(ticket, text, **params)
    ticket.status = Status.ARCHIVED
    ticket.archived_at = clock.now()
    ticket.unread_by_client = False
    save_ticket(ticket)


@transaction.atomic
def auto_archive(*, now=None) -> int:
    """Archive tickets that have stayed closed longer than the configured number of days."""
    days = settings.HELPDESK["AUTO_ARCHIVE_DAYS"]
    cutoff = (now or clock.now()) - timedelta(days=days)
    stale = Ticket.objects.select_for_update(skip_locked=True).filter(
        status=Status.CLOSED, closed_at__lt=cutoff
    )
    count = 0
    for ticket in stale[:500]:
        archive_one(
            ticket,
            gettext_lazy("Ticket was archived automatically after %(days)s days closed"),
            by=None,
            days=days,
        )
        count += 1
    return count
