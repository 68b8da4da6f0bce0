"""Splitting a ticket in two, and re-deriving a ticket's state from its thread."""

from django.db import transaction
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.messages.actions import add_message
from helpdesk.messages.models import Message
from helpdesk.tickets import regulation
from helpdesk.tickets.actions.common import Status, lock, save_ticket
from helpdesk.tickets.models import Ticket


@transaction.atomic
def split_ticket(ticket, *, message, by) -> Ticket:
    """Move `message` and every later one to a new ticket of the same client, provider,
    department and service. Each ticket names the other in a system message."""
    ticket = lock(ticket)
    thread = list(ticket.messages.order_by("created_at", "id").values_list("id", flat=True))
    if message.ticket_id != ticket.pk or message.pk not in thread:
        raise ActionError(_("That message is not in this ticket."), code="missed", field="elid")
    position = thread.index(message.pk)
    if position == 0:
        raise ActionError(
            _("Splitting at the first message would leave this ticket empty."), field="elid"
        )
    moved_ids = thread[position:]
    new_ticket = Ticket.objects.create(
        subject=ticket.subject,
        client=ticket.client,
        created_by=ticket.created_by,
        provider=ticket.provider,
        department=ticket.department,
        service=ticket.service,
        priority=ticket.priority,
        client_priority=ticket.client_priority,
        status=Status.UNDER_REVIEW,
    )
    Message.objects.filter(pk__in=moved_ids).update(ticket=new_ticket)
    add_message(
        ticket, author=by, kind=Message.Kind.SYSTEM,
        body=_('Messages were moved to the new ticket "%(id)s"') % {"id": new_ticket.pk},
    )  # fmt: skip
    add_message(
        new_ticket, author=by, kind=Message.Kind.SYSTEM,
        body=_('Ticket was split from ticket "%(id)s"') % {"id": ticket.pk},
    )  # fmt: skip
    for each in (ticket, new_ticket):
        derive_thread_state(each)
        save_ticket(each)
    return new_ticket


def derive_thread_state(ticket) -> None:
    """Recompute what the thread decides: last message, who waits, queue state."""
    conversation = list(
        ticket.messages.exclude(kind__in=[Message.Kind.NOTE, Message.Kind.SYSTEM])
        .order_by("created_at", "id")
        .only("kind", "body", "created_at")
    )
    if conversation:
        last = conversation[-1]
        ticket.last_message_at = last.created_at
        ticket.last_message_excerpt = last.body.replace("\n", " ")[:150]
    unanswered = []
    for message in conversation:
        unanswered = [] if message.kind == Message.Kind.OUTCOMING else [*unanswered, message]
    ticket.waiting_since = unanswered[0].created_at if unanswered else None
    if ticket.is_closed:
        return
    if unanswered:
        ticket.status = Status.UNDER_REVIEW if ticket.status != Status.NEW else Status.NEW
        ticket.in_queue = True
        if not ticket.deadline_manual:
            ticket.deadline = regulation.response_deadline(
                ticket.department, unanswered[0].created_at
            )
    else:
        ticket.status = Status.AWAITING_RESPONSE
        ticket.unread_by_staff = False
        if not ticket.deadline_manual:
            ticket.deadline = None
