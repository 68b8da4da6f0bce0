"""Attachments shown inside messages (screenshots): one address for the desk and the
portal, so an image a client embeds shows for staff and the other way round."""

from django.views.decorators.http import require_GET

from accounts.decorators import any_role
from helpdesk.messages.downloads import download


@require_GET
@any_role
def attachment(request, attachment_id):
    return download(request.user, attachment_id)
