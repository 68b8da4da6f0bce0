"""The tickets' periodic work, queued by `manage.py helpdesk_maintenance`."""

from django_tasks import task

from helpdesk.tickets.actions import auto_archive


@task()
def auto_archive_closed_tickets() -> int:
    return auto_archive()
