"""How often one user may ask for a Markdown preview (the editor asks after each pause)."""

import time

from django.conf import settings
from django.db import transaction

from helpdesk.messages.models import PreviewWindow


@transaction.atomic
def allow_preview(user) -> bool:
    """Count this preview in the user's current window; False once past the limit."""
    limit, seconds = settings.PREVIEW_RATE_LIMIT
    window = int(time.time() // seconds)
    row, _created = PreviewWindow.objects.select_for_update().get_or_create(
        user=user, defaults={"window": window}
    )
    if row.window != window:
        row.window, row.count = window, 0
    row.count += 1
    row.save(update_fields=["window", "count"])
    return row.count <= limit
