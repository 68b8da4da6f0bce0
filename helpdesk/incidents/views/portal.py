"""Paid support in the client portal (`incident`): incidents left, the price, the balance,
buying more with a confirmation step, and the history of both."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError
from helpdesk.incidents import actions, policies
from helpdesk.incidents.forms import IncidentPurchaseForm
from helpdesk.numbers import money
from helpdesk.tickets.models import Provider

HISTORY_ROWS = 20


def incidents_per_provider(user) -> list[tuple]:
    """(provider, incidents left) for every provider the client buys from or has any at."""
    held = user.client.incident_entries.values("provider_id")
    providers = Provider.objects.filter(
        Q(pk__in=policies.incident_providers(user).values("pk")) | Q(pk__in=held)
    )
    return actions.incidents_at(user.client, providers)


def render_incident(request, form, *, status=200):
    client = request.user.client
    context = {
        "form": form,
        "incidents_per_provider": incidents_per_provider(request.user),
        "balance": client.balance(),
        "can_buy": policies.can_buy_incidents(request.user),
        "incident_history": client.incident_entries.select_related("provider")[:HISTORY_ROWS],
        "ledger_history": client.ledger.all()[:HISTORY_ROWS],
    }
    return render(request, "portal/incidents/incident.html", context, status=status)


@role_required(Role.USER)
def incident(request):
    return render_incident(request, IncidentPurchaseForm(user=request.user))


@role_required(Role.USER)
def incident_confirm(request):
    """The second step: what the purchase costs and what is left after it."""
    form = IncidentPurchaseForm(request.GET, user=request.user)
    if not form.is_valid():
        return render_incident(request, form, status=400)
    balance = request.user.client.balance()
    context = {
        "provider": form.cleaned_data["provider"],
        "count": form.cleaned_data["count"],
        "total": form.total_price(),
        "balance": balance,
        "balance_after": balance - form.total_price(),
        "can_buy": policies.can_buy_incidents(request.user),
    }
    return render(request, "portal/incidents/incident_confirm.html", context)


@require_POST
@role_required(Role.USER)
@submit_once
def incident_buy(request):
    form = IncidentPurchaseForm(request.POST, user=request.user)
    if not policies.can_buy_incidents(request.user):
        messages.error(request, _("Purchases are not allowed while acting as a client."))
        return render_incident(request, form, status=403)
    if not form.is_valid():
        return render_incident(request, form, status=400)
    try:
        entry = actions.purchase_incidents(
            request.user.client,
            provider=form.cleaned_data["provider"],
            count=form.cleaned_data["count"],
            by=request.user,
        )
    except ActionError as error:
        messages.error(request, error.message)
        return render_incident(request, form, status=400)
    report_purchase(request, entry, form.total_price())
    return redirect("portal:incident")


def report_purchase(request, entry, total) -> None:
    text = ngettext(
        "You bought %(count)s incident for %(total)s %(currency)s.",
        "You bought %(count)s incidents for %(total)s %(currency)s.",
        entry.delta,
    )
    messages.success(
        request,
        text % {"count": entry.delta, "total": money(total), "currency": entry.provider.currency},
    )
