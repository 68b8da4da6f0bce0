"""Messages in the client portal: rating a staff reply and downloading an attachment."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError
from helpdesk.messages import actions, policies
from helpdesk.messages.downloads import download
from helpdesk.messages.models import Message
from helpdesk.tickets.views.portal.ticket import portal_ticket


@role_required(Role.USER)
@submit_once
def message_rate(request, ticket_id, message_id):
    """`ticket.message.rate.good` / `.bad` on one reply from support."""
    ticket = portal_ticket(request.user, ticket_id)
    message = get_object_or_404(policies.visible_messages(request.user, ticket), pk=message_id)
    message.ticket = ticket
    rating = request.POST.get("rating", "")
    if request.method != "POST":
        return redirect("portal:ticket_detail", ticket_id=ticket.pk)
    if rating not in Message.Rating.values or not policies.can_rate(request.user, message):
        messages.error(request, _("Rate a reply from support as good or bad."))
        return redirect("portal:ticket_detail", ticket_id=ticket.pk)
    try:
        actions.rate_message(message, rating=rating)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you for rating the reply."))
    return redirect(f"{ticket_url(ticket)}#message-{message.pk}")


def ticket_url(ticket) -> str:
    return reverse("portal:ticket_detail", kwargs={"ticket_id": ticket.pk})


@role_required(Role.USER)
def ticket_file(request, attachment_id):
    """A file of a message the user may see; any other id is a 404."""
    return download(request.user, attachment_id)
