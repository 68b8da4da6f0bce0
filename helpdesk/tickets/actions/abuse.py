"""The ticket's side of an abuse case (helpdesk/violations): while the client has a
deadline to answer, the ticket waits outside the queue; the "forward" action brings it
back marked `from_abuse_process`. The caller holds the ticket's row lock."""

from django.db import transaction

from helpdesk.messages.actions import add_message, clean_body
from helpdesk.messages.models import Message
from helpdesk.tickets import notifications
from helpdesk.tickets.actions.common import (
    Status,
    check_service,
    clean_subject,
    save_ticket,
    start_waiting,
)
from helpdesk.tickets.models import Ticket


@transaction.atomic
def open_abuse_ticket(client, *, by, subject, body, department, service=None) -> Ticket:
    """Staff write to the client about a complaint: a new ticket whose first message is
    theirs, waiting for the client's answer outside the queue."""
    body = clean_body(body)
    check_service(client, department, service)
    ticket = Ticket(
        subject=clean_subject(subject), client=client, created_by=by, department=department,
        provider=department.provider, service=service, status=Status.AWAITING_RESPONSE,
        in_queue=False, unread_by_staff=False, unread_by_client=True,
    )  # fmt: skip
    ticket.save()
    message = add_message(ticket, author=by, kind=Message.Kind.OUTCOMING, body=body)
    save_ticket(ticket)
    notifications.staff_replied(message)
    return ticket


def hold_for_abuse_answer(ticket) -> None:
    """Out of the queue until the client answers or the deadline passes."""
    if ticket.is_closed:
        return
    ticket.in_queue = False
    ticket.waiting_since = None
    save_ticket(ticket)


def return_from_abuse(ticket, *, now) -> None:
    """Back in the queue for staff, with the mark of where it came from."""
    ticket.from_abuse_process = True
    ticket.in_queue = True
    ticket.unread_by_staff = True
    ticket.status = Status.UNDER_REVIEW
    ticket.closed_at = None
    ticket.archived_at = None
    start_waiting(ticket, now)
    save_ticket(ticket)
