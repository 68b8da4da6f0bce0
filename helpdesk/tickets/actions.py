"""Every write on tickets that spans rows or has side effects. The desk, the portal and the
/billmgr API all call these; access is checked by the callers through policies.py."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError, StaleReply
from helpdesk.incidents import actions as incident_actions
from helpdesk.messages.actions import add_message, clean_body
from helpdesk.messages.models import Message
from helpdesk.tickets import notifications, regulation
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
    try:
        priority = int(value)
    except (TypeError, ValueError):
        priority = -1
    if priority not in Priority.values:
        raise ActionError(_("Priority must be 0 (low), 1 (medium) or 2 (high)."), field=field)
    return priority


def lock(ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def save_ticket(ticket, fields=None) -> None:
    """Save with the queue sort key refreshed, since almost any change can move it."""
    ticket.queue_key = regulation.queue_key(ticket)
    ticket.save(update_fields=None if fields is None else [*fields, "queue_key"])


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
) -> Ticket:
    subject = clean_subject(subject)
    body = clean_body(body)
    client_priority = clean_priority(client_priority, field="client_priority")
    if service is not None and service.client_id != client.pk:
        raise ActionError(_("Choose one of your own services."), field="ticket_item")
    now = timezone.now()
    ticket = Ticket(
        subject=subject,
        client=client,
        created_by=author,
        provider=department.provider,
        department=department,
        service=service,
        client_priority=client_priority,
        status=Status.NEW,
        in_queue=True,
        waiting_since=now,
        unread_by_staff=True,
        from_gate=from_gate,
    )
    ticket.deadline = regulation.response_deadline(department, now)
    ticket.queue_key = regulation.queue_key(ticket)
    ticket.save()
    if department.requires_incident:
        incident_actions.consume_incident(client, ticket=ticket, by=author)
    add_message(ticket, author=author, kind=Message.Kind.INCOMING, body=body, files=files)
    save_ticket(ticket)
    notifications.ticket_opened(ticket)
    return ticket


@transaction.atomic
def post_client_message(ticket, *, author, body, files=()) -> Message:
    """A client writes: the ticket comes (back) into the queue."""
    body = clean_body(body)
    ticket = lock(ticket)
    now = timezone.now()
    if ticket.is_closed:
        reopen(ticket)
    message = add_message(ticket, author=author, kind=Message.Kind.INCOMING, body=body, files=files)
    if ticket.status != Status.NEW:
        ticket.status = Status.UNDER_REVIEW
    ticket.in_queue = True
    ticket.unread_by_staff = True
    if ticket.waiting_since is None:
        ticket.waiting_since = now
        if not ticket.deadline_manual:
            ticket.deadline = regulation.response_deadline(ticket.department, now)
    save_ticket(ticket)
    notifications.client_wrote(message)
    return message


def reopen(ticket) -> None:
    text = (
        _("Ticket was removed from Archive")
        if ticket.status == Status.ARCHIVED
        else _("Ticket was reopened by a new message from the client")
    )
    add_message(ticket, author=None, kind=Message.Kind.SYSTEM, body=text)
    ticket.status = Status.UNDER_REVIEW
    ticket.closed_at = None
    ticket.archived_at = None


@transaction.atomic
def post_staff_reply(
    ticket, *, author, body, files=(), close=False, seen_message_id=None
) -> Message:
    """Staff answer the client. With `seen_message_id` (the newest message the author saw)
    the reply is refused if the ticket got a newer message meanwhile."""
    body = clean_body(body)
    ticket = lock(ticket)
    refuse_if_stale(ticket, seen_message_id)
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
        close_one(ticket)
    save_ticket(ticket)
    notifications.staff_replied(message)
    return message


def refuse_if_stale(ticket, seen_message_id) -> None:
    if seen_message_id in (None, ""):
        return
    try:
        seen_message_id = int(seen_message_id)
    except (TypeError, ValueError):
        raise ActionError(_("The reply form is damaged; reload the page."), field="seen") from None
    newer = list(ticket.messages.filter(id__gt=seen_message_id).exclude(kind=Message.Kind.SYSTEM))
    if newer:
        raise StaleReply(
            _("The ticket got a new message while you were writing. Read it, then send again."),
            new_messages=newer,
        )


@transaction.atomic
def add_note(ticket, *, author, body, files=()) -> Message:
    """An internal staff note; the client never sees it and the ticket's state stays."""
    body = clean_body(body, field="note_message")
    ticket = lock(ticket)
    return add_message(ticket, author=author, kind=Message.Kind.NOTE, body=body, files=files)


def block_is_live(ticket, now=None) -> bool:
    if ticket.blocked_by_id is None or ticket.blocked_at is None:
        return False
    expiry = timedelta(minutes=settings.HELPDESK["BLOCK_MINUTES"])
    return (now or timezone.now()) - ticket.blocked_at < expiry


def blocked_by_other(ticket, user) -> bool:
    return block_is_live(ticket) and ticket.blocked_by_id != user.pk


@transaction.atomic
def open_for_staff(ticket, *, user, take_over=False) -> Ticket:
    """A staff member opens the ticket: it is blocked for them (unless someone else holds
    it and they did not take it over), unread clears, and a new ticket is under review."""
    ticket = lock(ticket)
    if take_over or not blocked_by_other(ticket, user):
        ticket.blocked_by = user
        ticket.blocked_at = timezone.now()
    ticket.unread_by_staff = False
    if ticket.status == Status.NEW:
        ticket.status = Status.UNDER_REVIEW
    ticket.save(update_fields=["blocked_by", "blocked_at", "unread_by_staff", "status"])
    return ticket


def open_for_client(ticket) -> None:
    """The client reads the ticket: staff replies are no longer unread."""
    Ticket.objects.filter(pk=ticket.pk, unread_by_client=True).update(unread_by_client=False)
    ticket.unread_by_client = False


def release_block(ticket, *, by) -> None:
    if ticket.blocked_by_id == by.pk or not block_is_live(ticket):
        ticket.blocked_by = None
        ticket.blocked_at = None


@transaction.atomic
def unblock_tickets(tickets, *, by) -> int:
    return Ticket.objects.filter(pk__in=ids_of(tickets)).update(blocked_by=None, blocked_at=None)


def close_one(ticket) -> None:
    ticket.status = Status.CLOSED
    ticket.in_queue = False
    ticket.closed_at = timezone.now()
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
        close_one(ticket)
        save_ticket(ticket)
        closed.append(ticket)
    return closed


@transaction.atomic
def archive_tickets(tickets, *, by) -> list[Ticket]:
    """The client archives closed tickets; one that is not closed refuses the whole batch."""
    locked = list(Ticket.objects.select_for_update().filter(pk__in=ids_of(tickets)).order_by("pk"))
    not_closed = [str(ticket.pk) for ticket in locked if ticket.status != Status.CLOSED]
    if not_closed:
        raise ActionError(
            _("Only closed tickets can be archived; not closed: %(ids)s.")
            % {"ids": ", ".join(not_closed)},
            field="elid",
        )
    for ticket in locked:
        archive_one(ticket, text=_("Ticket was moved to Archive"))
    return locked


def archive_one(ticket, *, text) -> None:
    add_message(ticket, author=None, kind=Message.Kind.SYSTEM, body=text)
    ticket.status = Status.ARCHIVED
    ticket.archived_at = timezone.now()
    ticket.unread_by_client = False
    save_ticket(ticket)


@transaction.atomic
def auto_archive(*, now=None) -> int:
    """Archive tickets that have stayed closed longer than the configured number of days."""
    days = settings.HELPDESK["AUTO_ARCHIVE_DAYS"]
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = Ticket.objects.select_for_update(skip_locked=True).filter(
        status=Status.CLOSED, closed_at__lt=cutoff
    )
    count = 0
    for ticket in stale[:500]:
        archive_one(ticket, text=_("Ticket was archived automatically after %(days)s days closed")
                    % {"days": days})  # fmt: skip
        count += 1
    return count


def ids_of(tickets) -> list[int]:
    return [ticket.pk for ticket in tickets]


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


@transaction.atomic
def update_ticket(ticket, *, by, **changes) -> Ticket:
    """Staff change a ticket's parameters. Keys: subject, service, department, responsible,
    priority, client_priority, high_priority, low_priority, deadline (None clears it)."""
    ticket = lock(ticket)
    if "subject" in changes:
        ticket.subject = clean_subject(changes.pop("subject"))
    for field in ("priority", "client_priority"):
        if field in changes:
            setattr(ticket, field, clean_priority(changes.pop(field), field=field))
    if "service" in changes:
        ticket.service = check_service(ticket, changes.pop("service"))
    if "department" in changes:
        move_to_department(ticket, changes.pop("department"))
    if "responsible" in changes:
        ticket.responsible = check_responsible(ticket, changes.pop("responsible"))
    set_priority_flags(
        ticket, changes.pop("high_priority", None), changes.pop("low_priority", None)
    )
    if "deadline" in changes:
        set_deadline(ticket, changes.pop("deadline"))
    if changes:
        raise ActionError(_("Unknown ticket parameter: %(name)s") % {"name": ", ".join(changes)})
    save_ticket(ticket)
    return ticket


def check_service(ticket, service):
    if service is not None and service.client_id != ticket.client_id:
        raise ActionError(_("The service belongs to another client."), field="ticket_item")
    return service


def move_to_department(ticket, department) -> None:
    if department.pk == ticket.department_id:
        return
    ticket.department = department
    ticket.provider = department.provider
    if ticket.responsible_id and not department.members.filter(pk=ticket.responsible_id).exists():
        ticket.responsible = None


def check_responsible(ticket, user):
    if user is not None and not ticket.department.members.filter(pk=user.pk).exists():
        raise ActionError(
            _("%(name)s is not a member of the ticket's department.") % {"name": user},
            field="responsible",
        )
    return user


def set_priority_flags(ticket, high, low) -> None:
    if high and low:
        raise ActionError(
            _("A ticket cannot have its priority both raised and lowered."), field="high_priority"
        )
    if high is not None:
        ticket.high_priority = bool(high)
        ticket.low_priority = ticket.low_priority and not high
    if low is not None:
        ticket.low_priority = bool(low)
        ticket.high_priority = ticket.high_priority and not low


def set_deadline(ticket, deadline) -> None:
    ticket.deadline_manual = deadline is not None
    if deadline is not None:
        ticket.deadline = deadline
    elif ticket.waiting_since is not None:
        ticket.deadline = regulation.response_deadline(ticket.department, ticket.waiting_since)
    else:
        ticket.deadline = None
