"""How often one user, and how many users at once, may have a Markdown preview rendered.

The editor asks for a preview after each pause in typing. A worst-case text at the size
limit takes the renderer up to ~0.1 s (and reading its form body more), so besides each
user's rate the site renders only a few previews at a time: the other workers stay free
for everyone's pages."""

import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction

from helpdesk.messages.models import PreviewWindow

# pg_try_advisory_xact_lock(namespace, slot): the namespace keeps these locks apart from others.
SLOT_LOCK_NAMESPACE = 7_400_001


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


@contextmanager
def preview_slot():
    """Yields True while holding one of PREVIEW_CONCURRENCY site-wide rendering slots (a
    PostgreSQL advisory lock, released when the transaction ends, whichever worker holds it),
    False when all are taken. SQLite, the single-machine default, has no such locks: True."""
    if connection.vendor != "postgresql":
        yield True
        return
    with transaction.atomic():
        yield any(take_slot(slot) for slot in range(settings.PREVIEW_CONCURRENCY))


def take_slot(slot) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [SLOT_LOCK_NAMESPACE, slot])
        return cursor.fetchone()[0]
