"""The periodic catch-up of the daily aggregates, queued by `helpdesk_maintenance`."""

from datetime import timedelta

from django.db import transaction
from django_tasks import task

from helpdesk import clock
from helpdesk.reports.aggregate import local_day, recompute_days
from helpdesk.reports.models import CatchUp

# Ratings are stored on the rated message without a date of their own: a day is looked at
# again for this long after it ends, once a day, to pick up ratings given late.
LATE_RATINGS_DAYS = 14
SETTLING = timedelta(minutes=5)


@transaction.atomic
def catch_up(now=None) -> int:
    """Recompute every day from that of the last run (minus a few minutes) through today;
    once a day also the last two weeks. The row lock keeps two runs from overlapping.
    Returns the number of days recomputed."""
    now = now or clock.now()
    state, created = CatchUp.objects.select_for_update().get_or_create(
        pk=CatchUp.ONE, defaults={"through": now}
    )
    today = local_day(now)
    if created:
        first = today - timedelta(days=LATE_RATINGS_DAYS)
    else:
        # A little before the last run: work committed just after it, dated just before.
        first = min(local_day(state.through - SETTLING), today)
        if local_day(state.through) != today:
            first = min(first, today - timedelta(days=LATE_RATINGS_DAYS))
    days = recompute_days(first, today)
    state.through = now
    state.save()
    return days


@task()
def catch_up_reports() -> int:
    return catch_up()
