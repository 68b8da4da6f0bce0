"""How the client portal words and marks a ticket."""

from django import template
from django.template import defaultfilters, engines
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from helpdesk.tickets.labels import CLIENT_STATUS_LABELS
from helpdesk.tickets.listing import ticket_url_maker
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
def client_ticket_rows(tickets, selectable=False) -> str:
    """The rows of a client's ticket table, rendered by Jinja2 (see helpdesk/jinja_env.py)."""
    texts = {
        "new_reply": gettext("New reply"),
        "last_message": gettext("Last message"),
        "waiting": gettext("Waiting"),
        "author": gettext("Author"),
        "select": gettext("Select ticket #%(id)s"),
        "for_you": gettext("for your reply"),
        "for_support": gettext("for support"),
        "url": ticket_url_maker("portal:ticket_detail"),
    }
    context = {
        "rows": [client_row(ticket, texts) for ticket in tickets],
        "selectable": selectable,
        "texts": texts,
    }
    return mark_safe(engines["jinja2"].get_template("portal/tickets/_rows.html").render(context))


def client_row(ticket, texts) -> dict:
    last = ticket.last_message_at and timezone.localtime(ticket.last_message_at)
    since = waiting_from(ticket)
    awaiting = ticket.status == Ticket.Status.AWAITING_RESPONSE
    return {
        "id": ticket.pk,
        "url": texts["url"](ticket.pk),
        "unread": ticket.unread_by_client,
        "select_label": texts["select"] % {"id": ticket.pk},
        "subject": ticket.subject,
        "excerpt": Truncator(ticket.last_message_excerpt).chars(110),
        "last_iso": defaultfilters.date(last, "c") if last else "",
        "last_text": defaultfilters.date(last, "Y-m-d H:i") if last else "",
        "waiting": defaultfilters.timesince_filter(since) if since else "",
        "waiting_for": texts["for_you"] if awaiting else texts["for_support"],
        "author": str(ticket.created_by),
        "status": client_status(ticket),
        "status_css": status_css(ticket),
    }


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
