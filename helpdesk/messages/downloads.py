"""An attachment sent back to the browser or an API client: always as a download, under
the name it was uploaded with (the stored file has a random name of its own)."""

from django.http import FileResponse


def attachment_response(attachment) -> FileResponse:
    """OSError (FileNotFoundError among them) when the stored file is gone."""
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
