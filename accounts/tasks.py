"""The accounts' periodic clean-up, queued by `manage.py helpdesk_maintenance`."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from accounts import impersonation
from accounts.models import SubmittedForm


@task()
def prune_submitted_forms() -> int:
    """One-time form tokens only matter for minutes; keep a day of them."""
    cutoff = timezone.now() - timedelta(days=1)
    deleted, _ = SubmittedForm.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@task()
def end_expired_acting() -> int:
    """Audit the end of acting as a client that expired with nobody there to notice."""
    return impersonation.end_expired_acting()
