"""Paid support from a ticket: charge the client for the work (`ticket_expense`) and add
incidents to their paid support (`incident_count`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError, add_action_error
from helpdesk.incidents import actions, policies
from helpdesk.incidents.forms import ChargeForm, IncidentsForm
from helpdesk.tickets.policies import access_ticket


def bound(form_class, request):
    return form_class(request.POST if request.method == "POST" else None)


def render_form(request, template, ticket, form):
    status = 400 if form.is_bound else 200
    return render(request, template, {"ticket": ticket, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def ticket_expense(request, ticket_id):
    """Charge the client for work on the ticket; the client sees it in the ticket."""
    ticket = access_ticket(request.user, ticket_id, to="work")
    if not policies.can_charge(request.user, ticket):
        raise PermissionDenied
    form = bound(ChargeForm, request)
    if form.is_valid():
        try:
            expense = actions.charge_ticket(
                ticket, by=request.user, amount=form.cleaned_data["amount"],
                comment=form.cleaned_data["comment"],
            )  # fmt: skip
        except ActionError as error:
            add_action_error(form, error, form.aliases)
        else:
            messages.success(
                request,
                _("Charged %(amount)s %(currency)s to %(client)s.")
                % {"amount": expense.amount, "currency": ticket.provider.currency,
                   "client": ticket.client},
            )  # fmt: skip
            return redirect("desk:ticket_edit", ticket.pk)
    return render_form(request, "desk/incidents/ticket_expense.html", ticket, form)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def incident_count(request, ticket_id):
    """Add incidents to the client's paid support."""
    ticket = access_ticket(request.user, ticket_id, to="work")
    if not policies.can_grant_incidents(request.user, ticket):
        raise PermissionDenied
    form = bound(IncidentsForm, request)
    if form.is_valid():
        try:
            actions.grant_incidents(
                ticket.client, count=form.cleaned_data["incident_count"], by=request.user,
                ticket=ticket,
            )  # fmt: skip
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("Added incidents; %(client)s has %(left)s left.")
                % {
                    "client": ticket.client,
                    "left": actions.incidents_left(ticket.client, ticket.provider),
                },
            )
            return redirect("desk:ticket_edit", ticket.pk)
    return render_form(request, "desk/incidents/incident_count.html", ticket, form)
