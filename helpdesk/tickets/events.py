"""The ticket's history of changes that are not messages (`TicketEvent`): written by the
actions as they change a ticket, read by staff on the ticket page and by root in the admin."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.policies import acting_staff
from helpdesk.tickets.models import TicketEvent

Kind = TicketEvent.Kind


def record(ticket, kind: str, *, actor=None, **data) -> TicketEvent:
    """One event; `actor` None means the system did it (auto-archive, expiry)."""
    return TicketEvent.objects.create(ticket=ticket, kind=kind, actor=actor_of(actor), data=data)


def record_each(tickets, kind: str, *, actor=None, **data) -> None:
    TicketEvent.objects.bulk_create(
        TicketEvent(ticket=ticket, kind=kind, actor=actor_of(actor), data=data)
        for ticket in tickets
    )


def actor_of(user):
    """Staff acting as a client act in their own name: the record names the real person."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return acting_staff(user) or user


def history(ticket) -> list[TicketEvent]:
    return list(ticket.events.select_related("actor").order_by("created_at", "id"))


def change(label, before, after) -> dict:
    """One changed parameter, in words: {"field": "Department", "from": "Sales", "to": …}."""
    return {"field": str(label), "from": words(before), "to": words(after)}


def words(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def describe(event: TicketEvent) -> str:
    """The event as a sentence for the history, in the reader's language."""
    data = event.data
    sentences = {
        Kind.CLOSED: lambda: _("Closed the ticket"),
        Kind.REOPENED: lambda: _("Reopened the ticket"),
        Kind.ARCHIVED: lambda: _("Archived the ticket"),
        Kind.BLOCK_TAKEN: lambda: (
            _("Took the ticket over from %(from)s") % data
            if "from" in data
            else _("Took the ticket")
        ),
        Kind.BLOCK_RELEASED: lambda: _("Released the ticket"),
        Kind.CHANGED: lambda: "; ".join(
            _("%(field)s: %(from)s → %(to)s") % each for each in data.get("changes", [])
        ),
        Kind.MESSAGE_HIDDEN: lambda: _("Hid message %(message)s from the client") % data,
        Kind.MESSAGE_SHOWN: lambda: _("Showed message %(message)s to the client again") % data,
        Kind.MESSAGE_EDITED: lambda: _("Edited message %(message)s") % data,
        Kind.SPLIT: lambda: (
            _("Split the ticket; the later messages are in #%(other)s") % data
            if data.get("direction") == "to"
            else _("Split from #%(other)s") % data
        ),
        Kind.CHARGED: lambda: _("Charged %(amount)s %(currency)s: %(comment)s") % data,
        Kind.INCIDENTS_ADDED: lambda: (
            ngettext(
                "Added %(count)s incident at %(provider)s",
                "Added %(count)s incidents at %(provider)s",
                data["count"],
            )
            % data
        ),
        Kind.VIOLATION: lambda: (
            _("Registered a violation: %(score)s points, %(action)s at %(deadline)s") % data
            if data.get("deadline")
            else _("Registered a violation: %(score)s points, %(action)s") % data
        ),
        Kind.ABUSE_APPLIED: lambda: _("Violation #%(case)s: applied %(action)s") % data,
        Kind.ABUSE_ANSWERED: lambda: _("Violation #%(case)s: the client answered in time") % data,
        Kind.ABUSE_EXTENDED: lambda: (
            _("Violation #%(case)s: deadline moved to %(deadline)s") % data
        ),
        Kind.ABUSE_FINISHED: lambda: _("Violation #%(case)s: finished") % data,
        Kind.SCORE_LIMIT: lambda: (
            _("Violation points reached the limit: %(score)s of %(limit)s") % data
        ),
    }
    try:
        return sentences[event.kind]()
    except (KeyError, TypeError, ValueError):  # a row older than its sentence
        return event.get_kind_display()
