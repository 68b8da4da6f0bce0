"""How the desk marks a ticket row: the properties as compact badges with tooltips."""

import re
from dataclasses import dataclass

from django import template
from django.template import defaultfilters, engines
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.templatetags.forms_once import form_token
from helpdesk.messages.models import Message
from helpdesk.tickets.events import describe

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


# What each symbol means, for the legend under the ticket tables.
LEGEND = {
    "unread": _("unread client messages"),
    "favorite": _("in your favorites"),
    "abuse": _("related to a violation"),
    "highpriority": _("priority raised by hand"),
    "lowpriority": _("priority lowered by hand"),
    "premium": _("the client has paid support"),
    "attitude": _("the client's attitude"),
    "accgroup": _("the client's groups"),
    "note": _("a note on the client"),
    "from_gate": _("received by email"),
    "from_abuse_process": _("back in the queue: the client did not answer an abuse case"),
}


@register.inclusion_tag("desk/tickets/_legend.html")
def property_legend():
    entries = [(name, BADGES[name][0], text) for name, text in LEGEND.items()]
    return {"entries": entries, "lock": icon("lock")}


# Line icons drawn with the text colour; the system fonts have no emoji.
ICON_PATHS = {
    "filter": '<path d="M3 4h18l-7 8.5V19l-4 2v-8.5z"/>',
    "lock": '<rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    "clip": (
        '<path d="M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L9.7 17.2'
        'a1.7 1.7 0 0 1-2.4-2.4L15 7"/>'
    ),
}


@register.simple_tag
def icon(name) -> str:
    return mark_safe(
        '<svg class="icon" viewBox="0 0 24 24" width="14" height="14" fill="none" '
        'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" '
        f'aria-hidden="true" focusable="false">{ICON_PATHS[name]}</svg>'
    )


@register.simple_tag
def ticket_rows(rows, show_status=False) -> str:
    """The rows of a desk ticket table, rendered by Jinja2 (see helpdesk/jinja_env.py)."""
    texts = {
        "priority": gettext("Priority"),
        "delay": gettext("Delay"),
        "deadline": gettext("Deadline"),
        "overdue": gettext("Overdue"),
        "responsible": gettext("Responsible"),
        "provider": gettext("Provider"),
        "queue": gettext("Queue"),
        "only_client": gettext("Show only this client’s tickets"),
        "filter_icon": icon("filter"),
        "blocked_by": gettext("Blocked by"),
        "lock_icon": icon("lock"),
    }
    badges = [(name, symbol, str(label or "")) for name, (symbol, label) in BADGES.items()]
    context = {"rows": rows, "show_status": show_status, "texts": texts, "badges": badges}
    return mark_safe(engines["jinja2"].get_template("desk/tickets/_rows.html").render(context))


@register.simple_tag(takes_context=True)
def desk_thread(context, thread) -> str:
    """The messages of a ticket, rendered by Jinja2 (see helpdesk/jinja_env.py)."""
    request, ticket = context["request"], context["ticket"]
    page = ThreadPage(
        ticket_id=ticket.pk,
        highlight=context.get("highlight") or set(),
        editable_ids=context.get("editable_ids") or set(),
        can_split=context.get("can_split", False),
    )
    entries = [thread_entry(message, page, first=i == 0) for i, message in enumerate(thread)]
    template = engines["jinja2"].get_template("desk/tickets/_thread.html")
    return mark_safe(template.render({"entries": entries, "texts": thread_texts()}, request))


@dataclass(frozen=True)
class ThreadPage:
    ticket_id: int
    highlight: set
    editable_ids: set
    can_split: bool


def thread_texts() -> dict:
    return {
        "kinds": {value: str(label) for value, label in Message.Kind.choices},
        "new": gettext("new while you were writing"),
        "hidden": gettext("hidden from the client"),
        "received_by_email": gettext("Received by email"),
        "by_email": gettext("by email"),
        "edited": gettext("edited"),
        "edit": gettext("Edit"),
        "hide": gettext("Hide"),
        "unhide": gettext("Unhide"),
        "split": gettext("Split from here"),
        "clip_icon": icon("clip"),
    }


def thread_entry(message, page: ThreadPage, *, first: bool) -> dict:
    """What the desk shows of one message, each text made here, translated."""
    editable = message.pk in page.editable_ids
    ids = [page.ticket_id, message.pk]
    created = timezone.localtime(message.created_at)
    revisions = list(message.revisions.all())
    return {
        "message": message,
        "is_new": message.pk in page.highlight,
        "author": str(message.author) if message.author else gettext("System"),
        "created_iso": dateformat.format(created, "c"),
        "created_text": created.strftime("%Y-%m-%d %H:%M"),
        "hidden_title": gettext("Hidden by %(who)s") % {"who": message.hidden_by or ""},
        "rated": gettext("rated %(rating)s") % {"rating": message.get_rating_display()}
        if message.rating
        else "",
        "editable": editable,
        "edit_url": reverse("desk:ticket_message_edit", args=ids) if editable else "",
        "hide_url": reverse("desk:ticket_message_hide", args=ids) if editable else "",
        "split_url": reverse("desk:ticket_split", args=ids)
        if editable and page.can_split and not first
        else "",
        "form_token": form_token() if editable else "",
        "html": message_html(message),
        "attachments": [
            (
                reverse("desk:ticket_file", args=[attachment.pk]),
                attachment.name,
                defaultfilters.filesizeformat(attachment.size),
            )
            for attachment in message.attachments.all()
        ],
        "revisions": [
            (
                gettext("Replaced by %(who)s on %(when)s:")
                % {
                    "who": revision.edited_by,
                    "when": timezone.localtime(revision.edited_at).strftime("%Y-%m-%d %H:%M"),
                },
                revision.body,
            )
            for revision in revisions
        ],
        "revisions_summary": ngettext(
            "%(counter)s earlier version", "%(counter)s earlier versions", len(revisions)
        )
        % {"counter": len(revisions)},
    }


# A system message names another ticket in double quotes (a split's other half).
QUOTED_NUMBER = re.compile(r"(&quot;|\")(\d{1,12})(&quot;|\")")


def link_quoted_numbers(html: str, url_name: str) -> str:
    """`"N"` in escaped or sanitised HTML → `"N"` linked to ticket N's page."""
    return QUOTED_NUMBER.sub(
        lambda found: format_html(
            '{}<a href="{}">{}</a>{}', mark_safe(found[1]), reverse(url_name, args=[found[2]]),
            found[2], mark_safe(found[3]),
        ),
        html,
    )  # fmt: skip


def message_html(message) -> str:
    """The message as the desk shows it; a system message links the tickets it names."""
    if message.kind != "system":
        return mark_safe(message.html)  # sanitised when it was saved
    return mark_safe(link_quoted_numbers(message.html, "desk:ticket_edit"))


@register.filter
def event_text(event) -> str:
    """A history row in words (escaped when shown: the words include users' text)."""
    return describe(event)


@register.simple_tag(takes_context=True)
def filter_panel(context, page_kind) -> str:
    """The lists' filter panel and saved views, rendered by Jinja2 (helpdesk/jinja_env.py)."""
    request, filterset = context["request"], context["filter"]
    values = {
        "form": filterset.form,
        "page_kind": page_kind,
        "next": request.get_full_path(),
        "client_name": context.get("filter_client_name") or "",
        "saved_views": context.get("saved_views") or [],
        "token": form_token,
        "texts": {
            "filter": gettext("Filter"),
            "name_or_number": gettext("Name or number"),
            "apply": gettext("Apply"),
            "reset": gettext("Reset"),
            "saved_views": gettext("Saved views"),
            "delete_view": gettext("Delete the view %(name)s"),
            "save_as": gettext("Save the current filter as"),
            "example_name": gettext("e.g. Unread VIP"),
            "save_view": gettext("Save view"),
        },
        "urls": {
            name: reverse(f"desk:{name}")
            for name in (
                "ticket_filter",
                "client_autocomplete",
                "view_apply",
                "view_delete",
                "view_save",
            )
        },  # fmt: skip
    }
    panel = engines["jinja2"].get_template("desk/tickets/_filter.html")
    return mark_safe(panel.render(values, request))
