"""A reply template filled in for one ticket, for the picker above the reply box."""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from accounts.decorators import role_required
from accounts.roles import Role
from helpdesk.ids import is_possible_id
from helpdesk.replies.policies import templates_for_ticket
from helpdesk.replies.variables import TICKET_COLUMNS, render
from helpdesk.tickets.policies import access_ticket


@require_GET
@role_required(Role.ADMIN)
def template_render(request, template_id, ticket_id):
    ticket = access_ticket(request.user, ticket_id, to="work", columns=TICKET_COLUMNS)
    if not is_possible_id(template_id):
        raise Http404
    template = templates_for_ticket(request.user, ticket).filter(pk=template_id).first()
    if template is None:
        raise Http404
    return JsonResponse({"text": render(template.body, ticket=ticket, staff=request.user)})
