"""Small pieces every ticket action shares: input cleaning, row locks, saving with the
queue key kept current."""

from django.db import connection
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.numbers import parse_whole
from helpdesk.tickets import regulation
from helpdesk.tickets.models import Priority, Ticket

Status = Ticket.Status


def clean_subject(subject: str) -> str:
    subject = " ".join((subject or "").replace("\x00", "").split())
    if not subject:
        raise ActionError(_("Give the ticket a subject."), field="name")
    if len(subject) > 255:
        raise ActionError(_("The subject is too long (at most 255 characters)."), field="name")
    return subject


def clean_priority(value, *, field) -> int:
    priority = value if isinstance(value, int) else parse_whole(value)
    if priority not in Priority.values:
        raise ActionError(_("Priority must be 0 (low), 1 (medium) or 2 (high)."), field=field)
    return priority


def lock(ticket) -> Ticket:
    """The ticket with its row locked for the open transaction. A copy the caller read
    locked (`access_ticket(..., lock=True)`, or an earlier `lock`) in the transaction still
    open is used as it is; any other is read again, locked."""
    if ticket.row_locked and connection.in_atomic_block:
        return ticket
    locked = Ticket.objects.select_for_update().get(pk=ticket.pk)
    locked.row_locked = True
    return locked


def save_ticket(ticket, fields=None) -> None:
    """Save with the queue sort key refreshed, since almost any change can move it."""
    ticket.queue_key = regulation.queue_key(ticket)
    ticket.save(update_fields=None if fields is None else [*fields, "queue_key"])


def start_waiting(ticket, now) -> None:
    """The client waits for an answer from `now`, unless already waiting; the response
    deadline follows, unless staff set it by hand."""
    if ticket.waiting_since is None:
        ticket.waiting_since = now
        if not ticket.deadline_manual:
            ticket.deadline = regulation.response_deadline(ticket.department, now)


def ids_of(tickets) -> list[int]:
    return [ticket.pk for ticket in tickets]


def check_service(client, department, service):
    """A ticket's service is the client's own and sold by the department's provider."""
    if service is None:
        return None
    if service.client_id != client.pk:
        raise ActionError(_("Choose one of the client's own services."), field="ticket_item")
    if service.provider_id != department.provider_id:
        raise ActionError(
            _("%(service)s is served by %(provider)s: choose a department of %(provider)s.")
            % {"service": service.name, "provider": service.provider.name},
            field="ticket_item",
        )
    return service
