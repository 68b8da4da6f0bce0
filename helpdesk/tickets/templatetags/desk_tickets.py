"""How the desk marks a ticket row: the properties as compact badges with tooltips."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

register = template.Library()

# BILLmanager property → (symbol, label). Without a label the tooltip is listing.py's own
# sentence for the property; with one it names what the row's detail is.
BADGES = {
    "unread": ("●", None),
    "favorite": ("★", None),
    "abuse": ("⚠", None),
    "highpriority": ("▲", None),
    "lowpriority": ("▼", None),
    "premium": ("$", None),
    "attitude": ("☺", _("Attitude")),
    "accgroup": ("G", _("Client groups")),
    "note": ("✎", _("Note on the client")),
    "from_gate": ("✉", None),
    "from_abuse_process": ("↩", None),
}


def badge(name, symbol, label, detail) -> str:
    tooltip = f"{label}: {detail}" if label else str(detail)
    return format_html(
        '<span class="prop prop-{}" title="{}"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        name,
        tooltip,
        symbol,
        tooltip,
    )


@register.simple_tag
def property_badges(row) -> str:
    """The set properties of a `staff_row`, plus who blocks the ticket since when."""
    properties = row["properties"]
    badges = [
        badge(name, symbol, label, properties[name])
        for name, (symbol, label) in BADGES.items()
        if name in properties
    ]
    if row["blocked_by"]:
        badges.append(badge("blocked", "🔒", _("Blocked by"), row["blocked_by"]))
    return format_html_join("", "{}", ((each,) for each in badges))


@register.filter
def kind_css(message) -> str:
    return f"msg-{message.kind}"
