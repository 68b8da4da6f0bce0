"""Splitting a ticket in two, and re-deriving a ticket's state from its thread."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helpdesk.errors import ActionError
from helpdesk.messages.actions import add_system_message
from helpdesk.messages.models import Message
from helpdesk.tickets import events, notifications, regulation, summary
from helpdesk.tickets.actions.common import Status, clean_subject, lock, save_ticket
from helpdesk.tickets.models import Ticket

SPLIT_TO = gettext_lazy('The ticket was split. New discussion in the ticket "%(id)s"')
SPLIT_FROM = gettext_lazy('The ticket was split. Previous discussion in the ticket "%(id)s"')


@transaction.atomic
def split_ticket(ticket, *, message, by, subject="", department=None) -> Ticket:
    """Move `message` and every later one to a new ticket of the same client, provider,
    department and service, or with its own `subject` and `department` (another
    department takes its provider, and no service of the old one). Each ticket names the
    other in a system message, in BILLmanager's words (clients match on them). The
    caller has checked `can_split`, and that `by` may assign `department`."""
    ticket = lock(ticket)
    if message.ticket_id != ticket.pk:
        raise ActionError(_("That message is not in this ticket."), code="missed", field="elid")
    moving = Message.objects.filter(ticket=ticket).from_message(message)
    if not ticket.messages.exclude(pk__in=moving.values("pk")).exists():
        raise ActionError(
            _("Splitting at the first message would leave this ticket empty."), field="elid"
        )
    new_ticket = sibling_of(ticket, subject=clean_subject(subject) if subject else "",
                            department=department)  # fmt: skip
    moving.update(ticket=new_ticket)
    for source, other, text in (
        (ticket, new_ticket, SPLIT_TO),
        (new_ticket, ticket, SPLIT_FROM),
    ):
        add_system_message(source, text, by=by, id=other.pk)
        derive_thread_state(source)
        save_ticket(source)
    events.record(ticket, events.Kind.SPLIT, actor=by, other=new_ticket.pk, direction="to")
    events.record(new_ticket, events.Kind.SPLIT, actor=by, other=ticket.pk, direction="from")
    notifications.ticket_split(ticket, new_ticket, by=by)
    return new_ticket


def sibling_of(ticket, *, subject="", department=None) -> Ticket:
    department = department or ticket.department
    service = ticket.service
    if service is not None and service.provider_id != department.provider_id:
        service = None  # a service is sold by one provider
    return Ticket.objects.create(
        subject=subject or ticket.subject,
        client=ticket.client,
        created_by=ticket.created_by,
        provider=department.provider,
        department=department,
        service=service,
        priority=ticket.priority,
        client_priority=ticket.client_priority,
        status=Status.UNDER_REVIEW,
    )


def derive_thread_state(ticket) -> None:
    """Recompute what the visible thread decides: last message, who waits, queue state."""
    conversation = list(
        ticket.messages.visible_to_client()
        .exclude(kind=Message.Kind.SYSTEM)
        .order_by("created_at", "id")
        .only("kind", "body", "created_at")
    )
    summary.summarise(ticket, conversation[-1] if conversation else None)
    unanswered = []
    for each in conversation:
        unanswered = [] if each.kind == Message.Kind.OUTCOMING else [*unanswered, each]
    ticket.waiting_since = unanswered[0].created_at if unanswered else None
    if not ticket.is_closed:
        set_queue_state(ticket, unanswered[0].created_at if unanswered else None)


def set_queue_state(ticket, waiting_since) -> None:
    if waiting_since is not None:
        ticket.status = Status.NEW if ticket.status == Status.NEW else Status.UNDER_REVIEW
        ticket.in_queue = True
        if not ticket.deadline_manual:
            ticket.deadline = regulation.response_deadline(ticket.department, waiting_since)
        return
    ticket.status = Status.AWAITING_RESPONSE
    ticket.unread_by_staff = False
    if not ticket.deadline_manual:
        ticket.deadline = None
