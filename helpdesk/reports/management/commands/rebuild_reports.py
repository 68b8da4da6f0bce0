import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Min

from helpdesk import clock
from helpdesk.reports.aggregate import local_day, recompute_day
from helpdesk.reports.models import CatchUp
from helpdesk.tickets.deadlines import parse_day
from helpdesk.tickets.models import Ticket


class Command(BaseCommand):
    help = "Recompute the reports' daily aggregates, by default from the first ticket to today."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", metavar="YYYY-MM-DD")
        parser.add_argument("--to", dest="last", metavar="YYYY-MM-DD")

    def handle(self, *args, first=None, last=None, **options):
        started, now = time.monotonic(), clock.now()
        first_day, last_day = self.days(first, last, now)
        day, count = first_day, 0
        while first_day and day <= last_day:
            recompute_day(day)
            day += timedelta(days=1)
            count += 1
        if first is None and last is None:
            CatchUp.objects.update_or_create(pk=CatchUp.ONE, defaults={"through": now})
        self.stdout.write(f"{count} days recomputed in {time.monotonic() - started:.1f} s")

    def days(self, first, last, now):
        try:
            last_day = parse_day(last) if last else local_day(now)
            if first:
                return parse_day(first), last_day
        except ValueError as error:
            raise CommandError(f"Not a date (YYYY-MM-DD): {error}") from None
        oldest = Ticket.objects.aggregate(first=Min("created_at"))["first"]
        return (local_day(oldest) if oldest else None), last_day
