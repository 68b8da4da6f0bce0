"""Saved filters: ticket.setfilter (the staff queue's client), ticket.filter (the staff
advanced filter) and clientticket.filter. Without sok a filter form shows the saved values;
sok=ok saves the given ones; reset=on clears."""

from django.utils.translation import gettext as _

from helpdesk.api import lookups
from helpdesk.api.nodes import slist
from helpdesk.api.registry import CLIENTS, STAFF, function
from helpdesk.api.wire import ok, text
from helpdesk.errors import ActionError
from helpdesk.tickets.filters import (
    CLIENT_STATUSES,
    STAFF_PROPERTIES,
    ClientTicketFilter,
    StaffTicketFilter,
    filter_params_from,
    save_params,
    saved_params,
)
from helpdesk.tickets.models import Priority, Provider, SavedFilter
from helpdesk.tickets.policies import visible_tickets

Kind = SavedFilter.Kind
MAX_CHOICES = 500


@function("ticket.setfilter", "ticket_all.setfilter", who=STAFF)
def set_client_filter(call):
    """Show only the tickets of this ticket's client; without elid (or reset=on) clear."""
    if call.flag("reset") or not call.get("elid").strip():
        save_params(call.user, Kind.QUEUE_CLIENT, {})
        return ok()
    ticket = lookups.ticket(call)
    save_params(call.user, Kind.QUEUE_CLIENT, {"client": ticket.client_id})
    return ok()


@function("ticket.filter", "ticket_all.filter", who=STAFF)
def staff_filter(call):
    def make(data):
        return StaffTicketFilter(data, queryset=visible_tickets(call.user), user=call.user)

    return filter_form(call, Kind.QUEUE, StaffTicketFilter, make, staff_choices)


@function("clientticket.filter", who=CLIENTS)
def client_filter(call):
    def make(data):
        return ClientTicketFilter(data, queryset=visible_tickets(call.user))

    return filter_form(call, Kind.CLIENT, ClientTicketFilter, make, client_choices)


def filter_form(call, kind, filterset_class, make, choices):
    if call.flag("reset"):
        save_params(call.user, kind, {})
        return ok()
    if not call.committing:
        filterset = make(saved_params(call.user, kind))
        return {**current_values(filterset), "slist": choices(filterset)}
    params = filter_params_from(comma_lists(call.params), filterset_class)
    filterset = make(params)
    if not filterset.is_valid():
        name, problems = next(iter(filterset.errors.items()))
        raise ActionError(" ".join(problems), field=name)
    save_params(call.user, kind, params)
    return ok()


def comma_lists(params):
    """The properties may come repeated (props=a&props=b) or as one "a,b"."""
    params = params.copy()
    values = params.getlist("props")
    params.setlist("props", [part.strip() for value in values for part in value.split(",")])
    return params


def current_values(filterset) -> dict:
    saved = filterset.data
    values = {}
    for name in filterset.base_filters:
        value = saved.get(name, "")
        values[name] = text(",".join(value) if isinstance(value, list) else value)
    return values


def staff_choices(filterset) -> list:
    responsible = filterset.filters["responsible"].queryset[:MAX_CHOICES]
    return [
        slist("provider", [(p.pk, p.name) for p in Provider.objects.all()[:MAX_CHOICES]]),
        slist("department", [(d.pk, str(d)) for d in filterset.filters["department"].queryset]),
        slist("responsible", [(user.pk, str(user)) for user in responsible]),
        slist("priority", Priority.choices),
        slist("props", STAFF_PROPERTIES),
    ]


def client_choices(filterset) -> list:
    return [
        slist("status", CLIENT_STATUSES),
        slist("abuse", [("true", _("yes")), ("false", _("no"))]),
    ]
