"""Register a violation from a ticket (`show_abuse`): points, comment and what to do about
it; the client's new score is shown afterwards."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError, add_action_error
from helpdesk.tickets.policies import access_ticket
from helpdesk.violations.actions import client_score, register_violation
from helpdesk.violations.forms import ViolationForm
from helpdesk.violations.policies import can_register_violation


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def show_abuse(request, ticket_id):
    ticket = access_ticket(request.user, ticket_id, to="work")
    if not can_register_violation(request.user, ticket):
        raise PermissionDenied
    form = ViolationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            register_violation(
                ticket, by=request.user, score=form.cleaned_data["score"],
                note=form.cleaned_data["score_note"], action=form.cleaned_data["action"],
            )  # fmt: skip
        except ActionError as error:
            add_action_error(form, error, form.aliases)
        else:
            messages.success(request, score_text(ticket.client))
            return redirect("desk:ticket_edit", ticket.pk)
    context = {"ticket": ticket, "form": form, "score": client_score(ticket.client)}
    status = 400 if form.is_bound else 200
    return render(request, "desk/violations/show_abuse.html", context, status=status)


def score_text(client) -> str:
    return _("Violation registered. %(client)s now has %(score)s violation points.") % {
        "client": client,
        "score": client_score(client),
    }
