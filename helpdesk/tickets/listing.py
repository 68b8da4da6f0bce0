"""What a ticket row shows, computed once for the desk table and the /billmgr lists alike.
Rows come from `Ticket.objects.with_list_columns(user)` so nothing here queries."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from helpdesk import clock
from helpdesk.tickets import regulation
from helpdesk.tickets.actions import block_is_live


def blocked_by_text(ticket) -> str:
    """BILLmanager's `blocked_by`: "<staff name>, YYYY-MM-DD HH:MM:SS"."""
    if not block_is_live(ticket):
        return ""
    since = timezone.localtime(ticket.blocked_at).strftime("%Y-%m-%d %H:%M:%S")
    return f"{ticket.blocked_by.short_name}, {since}"


def responsible_text(ticket) -> str:
    return str(ticket.responsible) if ticket.responsible_id else ticket.department.name


def staff_properties(ticket) -> dict[str, str]:
    """The set properties of a queue row, BILLmanager's names → a tooltip text."""
    client = ticket.client
    groups = [group.name for group in client.listed_groups]
    # Tips are made only for the properties that are set: an unpaged list of 100,000 rows
    # spent most of its time translating tips nobody sees.
    candidates = {
        "from_gate": (ticket.from_gate, lambda: _("Received by email")),
        "note": (bool(client.note), lambda: client.note),
        "accgroup": (bool(groups), lambda: ", ".join(groups)),
        "unread": (ticket.unread_by_staff, lambda: _("Unread client messages")),
        "abuse": (ticket.abuse_id is not None, lambda: _("Related to a violation")),
        "favorite": (ticket.is_favorite, lambda: _("In your favorites")),
        "highpriority": (ticket.high_priority, lambda: _("Priority raised manually")),
        "lowpriority": (ticket.low_priority, lambda: _("Priority lowered manually")),
        "attitude": (client.attitude_id is not None, lambda: str(client.attitude or "")),
        "premium": (client.premium, lambda: _("Client has paid support")),
        "from_abuse_process": (
            ticket.from_abuse_process,
            lambda: _("Returned to the queue: the client did not answer the abuse"),
        ),
    }
    return {name: tip() for name, (is_set, tip) in candidates.items() if is_set}


def staff_row(ticket, now=None) -> dict:
    """The columns of the staff queue (`ticket` list), as text."""
    now = now or clock.now()
    return {
        "id": ticket.pk,
        "ticket": ticket.pk,
        "name": ticket.subject,
        "client": ticket.client.name,
        "client_id": ticket.client_id,
        "delay": regulation.format_delay(ticket.waiting_since, now),
        "deadline": format_datetime(ticket.deadline),
        "deadline_overdue": bool(ticket.deadline and ticket.deadline < now and ticket.in_queue),
        "responsible": responsible_text(ticket),
        "project": ticket.provider.name,
        "queue": regulation.queue_weight(ticket, now),
        "blocked_by": blocked_by_text(ticket),
        "priority": ticket.priority,
        "abuse_id": ticket.abuse_id,
        "properties": staff_properties(ticket),
    }


def format_datetime(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


URL_SLOT = 918273645  # a number no other part of a ticket's URL holds


def ticket_url_maker(url_name):
    """A ticket page's URL for any id, reversed once a page instead of once a row."""
    pattern = reverse(url_name, args=[URL_SLOT])
    return lambda ticket_id: pattern.replace(str(URL_SLOT), str(ticket_id))
