"""The periodic catch-up of the daily aggregates, queued by `helpdesk_maintenance`."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from helpdesk.reports.aggregate import local_day, recompute_days
from helpdesk.reports.models import CatchUp

# Ratings are stored on the rated message without a date of their own: a day is looked at
# again for this long after it ends, once a day, to pick up ratings given late.
LATE_RATINGS_DAYS = 14


@transaction.atomic
def catch_up(now=None) -> int:
    """Recompute every day from the one before the last run through today (the row lock
    keeps two runs from overlapping); the number of days recomputed."""
    now = now or timezone.now()
    state = CatchUp.objects.select_for_update().first()
    today = local_day(now)
    if state is None:
        state = CatchUp(through=now)
        first = today - timedelta(days=1)
    else:
        first = min(local_day(state.through), today) - timedelta(days=1)
        if local_day(state.through) != today:
            first = min(first, today - timedelta(days=LATE_RATINGS_DAYS))
    days = recompute_days(first, today)
    state.through = now
    state.save()
    return days


@task()
def catch_up_reports() -> int:
    return catch_up()
