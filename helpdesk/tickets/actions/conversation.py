"""The conversation: opening a ticket, client messages, staff replies and notes."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.policies import acting_staff
from helpdesk import clock
from helpdesk.errors import ActionError, StaleReply
from helpdesk.ids import MAX_ID
from helpdesk.incidents import actions as incident_actions
from helpdesk.messages.actions import add_message, add_system_message, clean_body
from helpdesk.messages.models import Message
from helpdesk.numbers import parse_whole
from helpdesk.tickets import events, notifications, regulation
from helpdesk.tickets.actions.common import (
    Status,
    check_service,
    clean_priority,
    clean_subject,
    lock,
    save_ticket,
    start_waiting,
)
from helpdesk.tickets.actions.lifecycle import close_one, release_block
from helpdesk.tickets.models import Priority, Ticket
from helpdesk.violations import answers as abuse_answers


@transaction.atomic
def open_ticket(
    client,
    *,
    author,
    subject,
    body,
    department,
    service=None,
    client_priority=Priority.MEDIUM,
    files=(),
    from_gate=False,
    notify=True,
) -> Ticket:
    """A new ticket in the queue, with the client's first message. A department that
    answers paid tickets only uses one of the client's incidents, or refuses. `notify`
    False writes no mail (demo data)."""
    body = clean_body(body)
    check_service(client, department, service)
    ticket = Ticket(
        subject=clean_subject(subject),
        client=client,
        created_by=author,
        department=department,
        service=service,
        client_priority=clean_priority(client_priority, field="client_priority"),
        from_gate=from_gate,
    )
    enter_queue(ticket, now=clock.now())
    ticket.save()
    if department.requires_incident:
        incident_actions.consume_incident(client, ticket=ticket, by=author)
    add_message(ticket, author=author, kind=Message.Kind.INCOMING, body=body, files=files,
                from_gate=from_gate)  # fmt: skip
    save_ticket(ticket)
    if notify:
        notifications.ticket_opened(ticket)
    return ticket


def enter_queue(ticket, *, now) -> None:
    ticket.provider = ticket.department.provider
    ticket.status, ticket.in_queue, ticket.unread_by_staff = Status.NEW, True, True
    ticket.waiting_since = now
    ticket.deadline = regulation.response_deadline(ticket.department, now)
    ticket.queue_key = regulation.queue_key(ticket)


@transaction.atomic
def post_client_message(ticket, *, author, body, files=(), notify=True, from_gate=False) -> Message:
    """A client writes (in the portal, or by mail: `from_gate`): the ticket comes (back)
    into the queue. The caller has checked `to="write"` access."""
    body = clean_body(body)
    ticket = lock(ticket)
    now = clock.now()
    if ticket.is_closed:
        reopen(
            ticket, gettext_lazy("Ticket was reopened by a new message from the client"),
            by=author,
        )  # fmt: skip
    message = add_message(ticket, author=author, kind=Message.Kind.INCOMING, body=body, files=files,
                          from_gate=from_gate)  # fmt: skip
    abuse_answers.stop_clock(ticket, by=author, now=now)
    if ticket.status != Status.NEW:
        ticket.status = Status.UNDER_REVIEW
    ticket.in_queue = True
    ticket.unread_by_staff = True
    if acting_staff(author) is None:  # the client read the thread they answer
        ticket.unread_by_client = False
    start_waiting(ticket, now)
    save_ticket(ticket)
    if notify:
        notifications.client_wrote(message)
    return message


def reopen(ticket, text, *, by) -> None:
    """Bring a closed or archived ticket back; archived ones say they left the Archive."""
    events.record(ticket, events.Kind.REOPENED, actor=by)
    if ticket.status == Status.ARCHIVED:
        text = gettext_lazy("Ticket was removed from Archive")
    add_system_message(ticket, text)
    ticket.status = Status.UNDER_REVIEW
    ticket.in_queue = True
    ticket.closed_at = None
    ticket.archived_at = None


@transaction.atomic
def post_staff_reply(
    ticket, *, author, body, files=(), close=False, seen_message_id=None, notify=True
) -> Message:
    """Staff answer the client. With `seen_message_id` (the newest message the author saw)
    the reply is refused if the ticket got a newer message meanwhile. The caller has checked
    `to="work"` access."""
    body = clean_body(body)
    ticket = lock(ticket)
    refuse_if_stale(ticket, seen_message_id)
    if ticket.is_closed and not close:
        reopen(ticket, gettext_lazy("Ticket was reopened by a reply from support"), by=author)
    message = add_message(
        ticket, author=author, kind=Message.Kind.OUTCOMING, body=body, files=files
    )
    ticket.status = Status.AWAITING_RESPONSE
    ticket.waiting_since = None
    ticket.unread_by_client = True
    ticket.unread_by_staff = False
    if not ticket.deadline_manual:
        ticket.deadline = None
    release_block(ticket, by=author)
    if close:
        close_one(ticket, by=author)
    save_ticket(ticket)
    if notify:
        notifications.staff_replied(message)
    return message


def refuse_if_stale(ticket, seen_message_id) -> None:
    if seen_message_id in (None, ""):
        return
    seen_message_id = parse_whole(seen_message_id)
    if seen_message_id is None or seen_message_id > MAX_ID:
        raise ActionError(_("The reply form is damaged; reload the page."), field="seen")
    newer = list(ticket.messages.filter(id__gt=seen_message_id).exclude(kind=Message.Kind.SYSTEM))
    if newer:
        raise StaleReply(
            _("The ticket got a new message while you were writing. Read it, then send again."),
            new_messages=newer,
        )


@transaction.atomic
def add_note(ticket, *, author, body, files=()) -> Message:
    """An internal staff note; the client never sees it and the ticket's state stays. The
    caller has checked `to="work"` access."""
    body = clean_body(body, field="note_message")
    ticket = lock(ticket)
    return add_message(ticket, author=author, kind=Message.Kind.NOTE, body=body, files=files)
