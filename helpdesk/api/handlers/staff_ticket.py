"""ticket.edit / ticket_all.edit: the staff ticket form (viewing it blocks the ticket and
clears unread), and its submission with sok=ok."""

from django.utils.translation import gettext as _

from helpdesk.api import lookups
from helpdesk.api.actions import apply_ticket_form
from helpdesk.api.nodes import message_node, slist, status_node
from helpdesk.api.registry import STAFF, function
from helpdesk.api.ticket_form import parse_ticket_form
from helpdesk.api.wire import ok, text
from helpdesk.errors import ActionError
from helpdesk.incidents.actions import incidents_left
from helpdesk.incidents.policies import can_charge, can_grant_incidents
from helpdesk.messages.policies import visible_messages
from helpdesk.tickets import actions, policies
from helpdesk.tickets.labels import STAFF_STATUS_LABELS
from helpdesk.tickets.listing import blocked_by_text, format_datetime, responsible_text
from helpdesk.tickets.models import Priority, Ticket
from helpdesk.violations.actions import client_score
from helpdesk.violations.models import Violation
from helpdesk.violations.policies import can_register_violation


@function("ticket.edit", "ticket_all.edit", who=STAFF)
def edit(call):
    ticket = lookups.ticket(call)
    if not policies.can_work(call.user, ticket):
        raise ActionError(_("You may not work on this ticket."), code="access", field="elid")
    if call.committing:
        form = parse_ticket_form(call, ticket)
        refuse_unless_allowed(call.user, ticket, form)
        apply_ticket_form(ticket, by=call.user, form=form)
        return ok(id=text(ticket.pk))
    actions.open_for_staff(ticket, user=call.user)
    return ticket_form(call.user, ticket.pk)


def refuse_unless_allowed(user, ticket, form) -> None:
    """Money and violations have policies of their own beyond working on the ticket."""
    checks = [
        (form.expense, can_charge, "ticket_expense"),
        (form.incident_count, can_grant_incidents, "incident_count"),
        (form.violation, can_register_violation, "show_abuse"),
    ]
    for wanted, allowed, field in checks:
        if wanted and not allowed(user, ticket):
            raise ActionError(_("You may not do this on this ticket."), code="access",
                              field=field)  # fmt: skip


def ticket_form(user, number) -> dict:
    ticket = Ticket.objects.with_list_columns(user).get(pk=number)
    thread = visible_messages(user, ticket).thread().select_related("author")
    messages = list(thread.prefetch_related("attachments"))
    return {
        **ticket_fields(ticket),
        "seen_message": text(messages[-1].pk if messages else ""),
        "incidents_left": text(incidents_left(ticket.client, ticket.provider)),
        "client_score": text(client_score(ticket.client)),
        "slist": select_lists(user, ticket),
        "mlist": [{"message": [message_node(message, staff=True) for message in messages]}],
    }


def ticket_fields(ticket) -> dict:
    deadline = format_datetime(ticket.deadline)
    return {
        "id": text(ticket.pk),
        "elid": text(ticket.pk),
        "plid": text(ticket.pk),
        "name": text(ticket.subject),
        "client": text(ticket.client.name),
        "client_id": text(ticket.client_id),
        "ticket_item": text(ticket.service_id or ""),
        "item": text(ticket.service_id or ""),
        "ticket_project_select": text(ticket.provider_id),
        "client_department": text(ticket.department_id),
        "responsible": text(responsible_text(ticket)),
        "priority": text(ticket.priority),
        "client_priority": text(ticket.client_priority),
        "high_priority": text("on" if ticket.high_priority else "off"),
        "low_priority": text("on" if ticket.low_priority else "off"),
        "deadline_date": text(deadline[:10]),
        "deadline_time": text(deadline[11:]),
        "blocked_by": text(blocked_by_text(ticket)),
        "tstatus": status_node(ticket, STAFF_STATUS_LABELS),
    }


def select_lists(user, ticket) -> list:
    departments = list(policies.assignable_departments(user))
    providers = {department.provider_id: department.provider for department in departments}
    services = policies.ticket_services(user, ticket)
    return [
        slist("ticket_item", [("", _("none"))] + [(s.pk, str(s)) for s in services]),
        slist("ticket_project_select", [(p.pk, p.name) for p in providers.values()]),
        slist("client_department", [(d.pk, str(d)) for d in departments]),
        slist("priority", Priority.choices),
        slist("client_priority", Priority.choices),
        slist("action", Violation.Action.choices),
    ]
