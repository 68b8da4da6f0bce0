"""Everything the ticket page (`ticket.edit`) shows, gathered in a fixed number of queries
whatever the length of the thread. The page is rendered by the GET view and again by any
form that was refused, so the typed text is never lost."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import render

from helpdesk import clock
from helpdesk.favorites.models import Favorite
from helpdesk.incidents import policies as incident_policies
from helpdesk.incidents.actions import incidents_left
from helpdesk.incidents.forms import ChargeForm, IncidentsForm
from helpdesk.messages.models import MessageRevision
from helpdesk.messages.policies import editable_message_ids, visible_messages
from helpdesk.replies.policies import templates_for_ticket
from helpdesk.tickets import actions, events, policies, preferences
from helpdesk.tickets.forms import NoteForm, StaffReplyForm, TicketParamsForm
from helpdesk.tickets.listing import blocked_by_text
from helpdesk.violations.actions import client_score
from helpdesk.violations.forms import ViolationForm
from helpdesk.violations.policies import can_register_violation

TICKET_COLUMNS = (
    "client__attitude",
    "provider",
    "department__provider",
    "service",
    "responsible",
    "blocked_by",
    "created_by",
)
OTHER_TICKETS_SHOWN = 10
CASES_SHOWN = 10  # the client's newest abuse cases in the client panel


def thread_of(user, ticket) -> list:
    revisions = MessageRevision.objects.select_related("edited_by").order_by("edited_at", "id")
    return list(
        visible_messages(user, ticket)
        .thread()
        .select_related("author", "hidden_by")
        .prefetch_related("attachments", Prefetch("revisions", queryset=revisions))
    )


def client_panel(user, ticket) -> dict:
    client = ticket.client
    others = (
        policies.visible_tickets(user)
        .filter(client=client)
        .exclude(pk=ticket.pk)
        .only("id", "subject", "status")
        .order_by("-id")
    )
    return {
        "client": client,
        "balance": client.balance(),
        "incidents_left": incidents_left(client, ticket.provider),
        "score": client_score(client),
        "client_cases": list(
            client.violations.select_related("ticket", "service").order_by("-id")[:CASES_SHOWN]
        ),
        "groups": list(client.groups.all()),
        "other_tickets": list(others[:OTHER_TICKETS_SHOWN]),
    }


MAX_REPLY_TEMPLATES = 300


def permissions(user, ticket) -> dict:
    return {
        "can_split": policies.can_split(user, ticket),
        "can_su": policies.can_su(user, ticket),
        "can_charge": incident_policies.can_charge(user, ticket),
        "can_grant": incident_policies.can_grant_incidents(user, ticket),
        "can_register_violation": can_register_violation(user, ticket),
    }


def blank_forms(user, ticket) -> dict:
    return {
        "reply_form": StaffReplyForm(),
        "note_form": NoteForm(),
        "params_form": TicketParamsForm(ticket=ticket, user=user),
        "violation_form": ViolationForm(),
        "charge_form": ChargeForm(),
        "incidents_form": IncidentsForm(),
    }


def own_block(user, ticket) -> dict:
    """When the user's block ends: they hold it already, or will once the page posts
    that it was opened (then the notice shows only after that succeeded)."""
    minutes = timedelta(minutes=settings.HELPDESK["BLOCK_MINUTES"])
    if actions.block_is_live(ticket) and ticket.blocked_by_id == user.pk:
        return {"held_until": ticket.blocked_at + minutes, "hold_pending": False}
    if actions.blocked_by_other(ticket, user):
        return {}
    return {"held_until": clock.now() + minutes, "hold_pending": True}


def reply_templates(user, ticket) -> list:
    return list(templates_for_ticket(user, ticket).values("id", "name")[:MAX_REPLY_TEMPLATES])


def render_ticket_page(request, ticket, *, highlight=(), status=200, **forms):
    """The ticket page; `forms` replace the blank ones (a bound form keeps its errors and
    what was typed), `highlight` marks messages the user has not seen yet. The ticket
    comes from `access_ticket` with `TICKET_COLUMNS` joined."""
    user = request.user
    thread = thread_of(user, ticket)
    context = {
        "ticket": ticket,
        "thread": thread,
        "editable_ids": editable_message_ids(user, ticket, thread),
        "newest_message_id": max((message.pk for message in thread), default=0),
        "highlight": set(highlight),
        "blocked_by_other": actions.blocked_by_other(ticket, user),
        "blocked_by_text": blocked_by_text(ticket),
        **own_block(user, ticket),
        "is_favorite": Favorite.objects.filter(user=user, ticket=ticket).exists(),
        "expenses": list(ticket.expenses.select_related("created_by")),
        "violations": list(ticket.violations.select_related("created_by")),
        "history": events.history(ticket),
        "reply_templates": reply_templates(user, ticket),
        "after_send": preferences.after_send(user),
        "after_send_choices": preferences.AfterSend.choices,
        **client_panel(user, ticket),
        **permissions(user, ticket),
        **blank_forms(user, ticket),
        **forms,
    }
    return render(request, "desk/tickets/ticket_edit.html", context, status=status)
