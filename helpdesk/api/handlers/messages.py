"""Messages of a ticket: list, edit, hide and show again, split, rate, attachments."""

from django.http import Http404
from django.utils.translation import gettext as _

from helpdesk.api import lookups
from helpdesk.api.nodes import list_answer, message_elem
from helpdesk.api.registry import CLIENTS, STAFF, anyone, function
from helpdesk.api.wire import ok, text
from helpdesk.errors import ActionError
from helpdesk.messages import actions, policies
from helpdesk.messages.downloads import download
from helpdesk.messages.models import Message
from helpdesk.tickets import actions as ticket_actions
from helpdesk.tickets.policies import can_split


@function("ticket.message", "ticket_all.message", who=STAFF)
def message_list(call):
    """A ticket's messages, oldest first (pollers take the last row for the newest); every
    row says `first_message`, `on` on the ticket's first message only."""
    ticket = lookups.ticket(call)
    thread = policies.visible_messages(call.user, ticket)
    first_id = thread.order_by("created_at", "id").values_list("id", flat=True).first()
    oldest_first = thread.select_related("author").prefetch_related("attachments")

    def elem(message):
        return message_elem(message, staff=True, first_id=first_id)

    return list_answer(call, oldest_first.order_by("created_at", "id"), elem)


@function("ticket.message.edit", who=STAFF)
def message_edit(call):
    """Without sok: the current text. With sok=ok: the new text; the old one is kept."""
    message = lookups.message(call, lookups.ticket_of_messages(call))
    if not policies.can_edit(call.user, message):
        raise ActionError(_("This message cannot be edited."), field="elid")
    if call.committing:
        actions.edit_message(message, editor=call.user, body=call.get("message"))
        return ok(id=text(message.pk))
    return {"elid": text(message.pk), "plid": text(message.ticket_id),
            "message": text(message.body)}  # fmt: skip


@function("ticket.message.delete", who=STAFF)
def message_hide(call):
    """Hide from the client; staff still see it, marked hidden. Nothing is deleted."""
    return set_hidden(call, hidden=True)


@function("ticket.message.restore", who=STAFF)
def message_show(call):
    return set_hidden(call, hidden=False)


def set_hidden(call, *, hidden):
    """The caller is staff of the ticket (its scope); the action refuses system messages."""
    ticket = lookups.ticket_of_messages(call)
    actions.set_hidden(lookups.messages(call, ticket), by=call.user, hidden=hidden)
    return ok()


@function("ticket.split", "ticket_all.split", who=STAFF)
def split(call):
    """This message and every later one move to a new ticket (doc.id)."""
    ticket = lookups.ticket_of_messages(call)
    message = lookups.message(call, ticket)
    if not can_split(call.user, ticket):
        raise ActionError(_("You may not split this ticket."), code="access", field="plid")
    if not call.committing:
        moved = ticket.messages.from_message(message).count()
        return {"elid": text(message.pk), "plid": text(ticket.pk), "name": text(ticket.subject),
                "messages_moved": text(moved)}  # fmt: skip
    new_ticket = ticket_actions.split_ticket(ticket, message=message, by=call.user)
    return ok(id=text(new_ticket.pk))


@function("ticket.message.rate.good", who=CLIENTS)
def rate_good(call):
    return rate(call, Message.Rating.GOOD)


@function("ticket.message.rate.bad", who=CLIENTS)
def rate_bad(call):
    return rate(call, Message.Rating.BAD)


def rate(call, rating):
    message = lookups.message(call, lookups.ticket_of_messages(call))
    if not policies.can_rate(call.user, message):
        raise ActionError(_("Only replies from support can be rated."), field="elid")
    actions.rate_message(message, rating=rating)
    return ok()


@function("ticket.file", who=anyone)
def attachment_file(call):
    """Stream an attachment the caller may see."""
    number = call.id("elid")
    try:
        return download(call.user, number)
    except Http404:
        raise lookups.missed("elid", [number]) from None
