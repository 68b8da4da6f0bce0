"""How the client portal words and marks a ticket."""

from django import template
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from helpdesk.tickets.labels import CLIENT_STATUS_LABELS
from helpdesk.tickets.models import Ticket
from helpdesk.tickets.templatetags.desk_tickets import link_quoted_numbers

register = template.Library()

STATUS_CSS = {
    Ticket.Status.NEW: "new",
    Ticket.Status.UNDER_REVIEW: "review",
    Ticket.Status.AWAITING_RESPONSE: "awaiting",
    Ticket.Status.CLOSED: "closed",
    Ticket.Status.ARCHIVED: "archived",
}


@register.filter
def client_status(ticket) -> str:
    """The status as the client reads it: new, under review, awaiting your response…"""
    return CLIENT_STATUS_LABELS.get(ticket.status, "")


@register.filter
def status_css(ticket) -> str:
    return STATUS_CSS.get(ticket.status, "")


@register.filter
def waiting_from(ticket):
    """Since when the ticket waits: the client's unanswered message, else the last one."""
    if ticket.is_closed:
        return None
    return ticket.waiting_since or ticket.last_message_at


@register.simple_tag
def sort_link(current, key, label):
    """A column header that sorts by `key`, flipping the direction when already sorted."""
    ascending = current == key
    descending = current == f"-{key}"
    target = f"-{key}" if ascending else key
    arrow = " ▲" if ascending else " ▼" if descending else ""
    state = "ascending" if ascending else "descending" if descending else "none"
    return format_html(
        '<a href="?{}" data-sort-state="{}" class="sort-link">{}{}</a>',
        urlencode({"sort": target}),
        state,
        label,
        arrow,
    )


@register.filter
def system_text(message) -> str:
    """A system message for the client: its text, the tickets it names linked."""
    return mark_safe(link_quoted_numbers(escape(message.body), "portal:ticket_detail"))
