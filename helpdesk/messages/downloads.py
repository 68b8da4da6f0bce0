"""An attachment sent back to the browser or an API client: always as a download, under
the name it was uploaded with (the stored file has a random name of its own)."""

from django.http import FileResponse, Http404

from helpdesk.ids import is_possible_id
from helpdesk.messages.policies import visible_attachments


def download(user, attachment_id) -> FileResponse:
    """The attachment `user` may see, as a download. Any other id, and a file gone from
    storage, is Http404 (the API answers `missed`): the desk, the portal, the images in
    messages and /billmgr `ticket.file` all fetch a file here."""
    if not is_possible_id(attachment_id):
        raise Http404
    attachment = visible_attachments(user).filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    try:
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type=attachment.content_type,
        )
    except (OSError, ValueError) as missing:  # the stored file is gone, or has no name
        raise Http404 from missing
