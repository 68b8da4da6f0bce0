"""Attachments shown inside messages (screenshots): one address for the desk and the
portal, so an image a client embeds shows for staff and the other way round."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.decorators import any_role
from helpdesk.messages.downloads import attachment_response
from helpdesk.messages.policies import visible_attachments


@require_GET
@any_role
def attachment(request, attachment_id):
    """A file of a message the user may see (the policies' scope); any other id is a 404."""
    found = get_object_or_404(visible_attachments(request.user), pk=attachment_id)
    try:
        return attachment_response(found)
    except (OSError, ValueError) as missing:
        raise Http404(_("The file is no longer available.")) from missing
