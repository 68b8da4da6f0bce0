"""Log in as the ticket's client (`ticket.su`): a confirmation, then the portal as that
client's user. The start (and later the end) is in the audit log with the real actor."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import impersonation
from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.tickets import policies


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def ticket_su(request, ticket_id):
    ticket = policies.access_ticket(request.user, ticket_id, to="work")
    if not policies.can_su(request.user, ticket):
        messages.error(
            request, _("You cannot act as this ticket’s client (it may have no active login).")
        )
        return redirect("desk:ticket_edit", ticket.pk)
    target = policies.su_target(ticket)
    if request.method == "POST":
        ticket_url = reverse("desk:ticket_edit", args=[ticket.pk])
        impersonation.start(
            request.session, actor=request.user, target=target, return_to=ticket_url
        )
        return redirect("portal:ticket_list")
    return render(request, "desk/tickets/ticket_su.html", {"ticket": ticket, "target": target})
