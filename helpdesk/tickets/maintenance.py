"""The tickets' periodic work, queued by `manage.py helpdesk_maintenance`."""

from django_tasks import task

from helpdesk.tickets import live
from helpdesk.tickets.actions import auto_archive


@task()
def auto_archive_closed_tickets() -> int:
    return auto_archive()


@task()
def forget_closed_ticket_pages() -> int:
    """Presence rows of ticket pages closed without saying so."""
    return live.forget_stale_viewers()
