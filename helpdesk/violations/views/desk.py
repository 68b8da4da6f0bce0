"""Register a violation from a ticket (`show_abuse`): points, comment and what to do about
it; the client's new score is shown afterwards."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.tickets.views.desk.common import ticket_tool
from helpdesk.violations.actions import client_score, register_violation
from helpdesk.violations.forms import ViolationForm
from helpdesk.violations.policies import can_register_violation


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def show_abuse(request, ticket_id):
    def register(ticket, data) -> str:
        register_violation(
            ticket, by=request.user, score=data["score"], note=data["score_note"],
            action=data["action"],
        )  # fmt: skip
        return _("Violation registered. %(client)s now has %(score)s violation points.") % {
            "client": ticket.client,
            "score": client_score(ticket.client),
        }

    return ticket_tool(
        request, ticket_id, may=can_register_violation, form_class=ViolationForm,
        template="desk/violations/show_abuse.html", apply=register,
        context=lambda ticket: {"score": client_score(ticket.client)},
    )  # fmt: skip
