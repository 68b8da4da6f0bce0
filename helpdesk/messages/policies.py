"""Which messages and attachments a user may see and change."""

from accounts.roles import Role
from helpdesk.messages.models import Attachment, Message
from helpdesk.tickets.policies import (
    can_client_write,
    can_work,
    is_desk_user,
    staff_department_ids,
    visible_tickets,
)


def visible_messages(user, ticket):
    """Staff see the whole thread (notes, hidden ones marked); clients never see notes or
    hidden messages."""
    messages = Message.objects.filter(ticket=ticket)
    return messages if is_desk_user(user) else messages.visible_to_client()


def searchable_messages(user):
    """Every message a user may see, of every ticket they may see: the search's scope.
    Staff are scoped by the department kept on the message, which the search index holds
    beside the words (a staff member's search never reads another department's
    matches); clients by their tickets, without notes or hidden messages."""
    messages = Message.objects.all()
    departments = search_departments(user)
    if departments is not None:
        return messages.filter(department_id__in=departments)
    if is_desk_user(user):
        return messages  # root
    return messages.filter(ticket__in=visible_tickets(user).values("pk")).visible_to_client()


def search_departments(user) -> list[int] | None:
    """The departments whose own search index a staff member's search reads (each word
    kept with its department: a word common elsewhere costs them only its matches in
    their departments). None for root and clients, whose scope is not by department."""
    if is_desk_user(user) and user.role != Role.ROOT:
        return sorted(staff_department_ids(user))
    return None


def removed_messages(user, ticket):
    """Where support hid a message from a client: the client learns only that a message
    was there and when (no author, no text), so the thread does not silently change."""
    if is_desk_user(user):
        return Message.objects.none()
    hidden = Message.objects.filter(ticket=ticket, hidden=True).exclude(kind=Message.Kind.NOTE)
    return hidden.only("id", "created_at", "kind", "hidden")


def visible_attachments(user):
    attachments = Attachment.objects.filter(message__ticket__in=visible_tickets(user))
    if is_desk_user(user):
        return attachments
    return attachments.filter(message__hidden=False).exclude(message__kind=Message.Kind.NOTE)


def is_changeable(message) -> bool:
    """System messages record what happened (a split, an archive); nobody changes them."""
    return message.kind != Message.Kind.SYSTEM


def can_edit(user, message) -> bool:
    return can_work(user, message.ticket) and is_changeable(message)


def can_hide(user, message) -> bool:
    return can_work(user, message.ticket) and is_changeable(message)


def can_rate(user, message) -> bool:
    return (
        can_client_write(user, message.ticket)
        and message.kind == Message.Kind.OUTCOMING
        and not message.hidden
    )


def editable_message_ids(user, ticket, messages) -> set[int]:
    """Which of `messages` (the thread of `ticket`) `user` may edit and hide: the same rule
    as can_edit / can_hide, checked once for the whole thread."""
    if not can_work(user, ticket):
        return set()
    return {message.pk for message in messages if is_changeable(message)}
