"""Paid support from a ticket: charge the client for the work (`ticket_expense`) and add
incidents to their paid support (`incident_count`)."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.incidents import actions, policies
from helpdesk.incidents.forms import ChargeForm, IncidentsForm
from helpdesk.numbers import money
from helpdesk.tickets.views.desk.common import ticket_tool


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def ticket_expense(request, ticket_id):
    """Charge the client for work on the ticket; the client sees it in the ticket."""

    def charge(ticket, data) -> str:
        expense = actions.charge_ticket(
            ticket, by=request.user, amount=data["amount"], comment=data["comment"]
        )
        return _("Charged %(amount)s %(currency)s to %(client)s.") % {
            "amount": money(expense.amount),
            "currency": ticket.provider.currency,
            "client": ticket.client,
        }

    return ticket_tool(
        request, ticket_id, may=policies.can_charge, form_class=ChargeForm,
        template="desk/incidents/ticket_expense.html", apply=charge,
        context=lambda ticket: {"balance": ticket.client.balance()},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def incident_count(request, ticket_id):
    """Add incidents to the client's paid support, at the ticket's provider."""

    def grant(ticket, data) -> str:
        actions.grant_incidents(
            ticket.client, count=data["incident_count"], by=request.user, ticket=ticket
        )
        return _("Added incidents; %(client)s has %(left)s left.") % {
            "client": ticket.client,
            "left": actions.incidents_left(ticket.client, ticket.provider),
        }

    return ticket_tool(
        request, ticket_id, may=policies.can_grant_incidents, form_class=IncidentsForm,
        template="desk/incidents/incident_count.html", apply=grant,
    )  # fmt: skip
