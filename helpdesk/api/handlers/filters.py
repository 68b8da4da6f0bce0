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
    STAFF_STATUSES,
    ClientTicketFilter,
    StaffTicketFilter,
    filter_params_from,
    save_params,
    saved_params,
    set_filter_client,
)
from helpdesk.tickets.models import Priority, Provider, SavedFilter
from helpdesk.tickets.policies import visible_tickets

Kind = SavedFilter.Kind
MAX_CHOICES = 500


@function("ticket.setfilter", "ticket_all.setfilter", who=STAFF)
def set_client_filter(call):
    """Show only the tickets of this ticket's client; without elid (or reset=on) clear."""
    if call.flag("reset") or not call.get("elid").strip():
        set_filter_client(call.user, None)
        return ok()
    ticket = lookups.ticket(call)
    set_filter_client(call.user, ticket.client_id)
    return ok()


@function("ticket.filter", "ticket_all.filter", who=STAFF)
def staff_filter(call):
    def make(data):
        return StaffTicketFilter(data, queryset=visible_tickets(call.user), user=call.user)

    params = comma_lists(call.params, "props", "status")
    return filter_form(call, Kind.QUEUE, StaffTicketFilter, make, staff_choices, params)


@function("clientticket.filter", "clientticket_archive.filter", who=CLIENTS)
def client_filter(call):
    """One saved filter for the active and the archived lists, as in the portal. It takes
    our field names and BILLmanager's (BILLMGR_NAMES) and shows the values under both."""

    def make(data):
        data = filter_params_from(data, ClientTicketFilter)
        return ClientTicketFilter(data, queryset=visible_tickets(call.user))

    params = billmgr_params(comma_lists(call.params, "props", "status"))
    answer = filter_form(call, Kind.CLIENT, ClientTicketFilter, make, client_choices, params)
    if "error" in answer:
        return answer
    return {**answer, **billmgr_values(saved_params(call.user, Kind.CLIENT))}


# BILLmanager's clientticket.filter fields → ours (id, message, abuse are the same).
BILLMGR_NAMES = {
    "name": "subject",
    "tstatus": "status",
    "message_poststart": "created_from",
    "message_postend": "created_to",
}
ANY_DATE = "nodate"


def billmgr_params(params):
    """Our names for BILLmanager's; `message_post=nodate` drops the dates."""
    params = params.copy()
    for theirs, ours in BILLMGR_NAMES.items():
        if theirs in params and ours not in params:
            params.setlist(ours, params.getlist(theirs))
    if "tstatus" in params:
        params = comma_lists(params, "status")
    if params.get("message_post") == ANY_DATE:
        params.pop("created_from", None)
        params.pop("created_to", None)
    return params


def billmgr_values(saved: dict) -> dict:
    statuses = saved.get("status", [])
    statuses = statuses if isinstance(statuses, list) else [statuses]
    dated = saved.get("created_from") or saved.get("created_to")
    values = {
        theirs: text(saved.get(ours, ""))
        for theirs, ours in BILLMGR_NAMES.items()
        if theirs != "tstatus"
    }
    values["tstatus"] = [text(status) for status in statuses] if statuses else text("")
    values["message_post"] = text("other" if dated else ANY_DATE)
    return values


def filter_form(call, kind, filterset_class, make, choices, params=None):
    if call.flag("reset"):
        save_params(call.user, kind, {})
        return ok()
    if not call.committing:
        filterset = make(saved_params(call.user, kind))
        return {**current_values(filterset), "slist": choices(filterset)}
    params = filter_params_from(params or comma_lists(call.params), filterset_class)
    filterset = make(params)
    if not filterset.is_valid():
        name, problems = next(iter(filterset.errors.items()))
        raise ActionError(" ".join(problems), field=name)
    save_params(call.user, kind, params)
    return ok()


def comma_lists(params, *names):
    """Multi-value fields may come repeated (props=a&props=b) or as one "a,b"."""
    params = params.copy()
    for name in names or ("props",):
        values = params.getlist(name)
        if values:
            params.setlist(name, [part.strip() for value in values for part in value.split(",")])
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
        slist("status", STAFF_STATUSES),
    ]


def client_choices(filterset) -> list:
    return [
        slist("status", CLIENT_STATUSES),
        slist("tstatus", CLIENT_STATUSES),
        slist("abuse", [("true", _("yes")), ("false", _("no"))]),
        slist("message_post", [(ANY_DATE, _("any date")), ("other", _("in a period"))]),
    ]
