"""A ticket's summary for the lists: its last conversation message, an excerpt of it, and
whether the client has a support reply to read. One module keeps the rule; the actions
call it whenever a message is added, hidden, shown again, edited or moved."""

from django.utils.text import Truncator

from helpdesk.messages.markdown import plain_text
from helpdesk.messages.models import Message
from helpdesk.tickets import regulation

CONVERSATION = (Message.Kind.INCOMING, Message.Kind.OUTCOMING)
SUMMARY_FIELDS = ["last_message_at", "last_message_excerpt", "unread_by_client", "queue_key"]


def excerpt(body: str) -> str:
    """The list preview: plain words, no Markdown marks."""
    return Truncator(plain_text(body)).chars(150)


def note_message(ticket, message) -> None:
    """A message was just added: it is the last one if the client can see it."""
    if message.kind in CONVERSATION and not message.hidden:
        ticket.last_message_at = message.created_at
        ticket.last_message_excerpt = excerpt(message.body)


def summarise(ticket, last) -> None:
    """`last`: the newest message the client can see of the conversation (or None)."""
    ticket.last_message_at = last.created_at if last else None
    ticket.last_message_excerpt = excerpt(last.body) if last else ""
    if last is None or last.kind != Message.Kind.OUTCOMING:
        ticket.unread_by_client = False


def refresh_summary(ticket) -> None:
    """Recompute and save the summary from what the client can see."""
    last = (
        Message.objects.filter(ticket=ticket, kind__in=CONVERSATION)
        .visible_to_client()
        .order_by("-created_at", "-id")
        .first()
    )
    summarise(ticket, last)
    ticket.queue_key = regulation.queue_key(ticket)
    ticket.save(update_fields=SUMMARY_FIELDS)
