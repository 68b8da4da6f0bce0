from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from helpdesk.demo.bulk import add_bulk_tickets
from helpdesk.demo.seed import demo_present, seed_demo
from helpdesk.tickets.models import Ticket


class Command(BaseCommand):
    help = (
        "Fill the database with demo data: logins root, staff, staff2, client and client2 "
        "(password 'demo'), clients, services and about 200 tickets. With --tickets N, also "
        "add N quickly generated tickets for performance work."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password of every demo login instead of 'demo'. Required when DEBUG is off.",
        )
        parser.add_argument(
            "--tickets",
            type=int,
            default=0,
            metavar="N",
            help="Also bulk-generate N tickets with their messages.",
        )

    def handle(self, *args, password=None, tickets=0, **options):
        if not settings.DEBUG and not password:
            raise CommandError(
                "DEBUG is off: demo logins with the well-known password 'demo' would be "
                "a way in. Run with DEBUG=1 or give --password."
            )
        if tickets < 0:
            raise CommandError("--tickets must be zero or more.")
        if demo_present():
            self.stdout.write("Demo data already present")
        else:
            seed_demo(password=password or "demo")
            self.stdout.write(self.style.SUCCESS("Demo data created."))
            self.report_statuses()
            self.stdout.write(
                "Logins root, staff, staff2, client and client2; password "
                + ("as given with --password" if password else "'demo'")
            )
        if tickets:
            add_bulk_tickets(tickets, progress=self.show_progress)
            self.stdout.write(self.style.SUCCESS(f"Added {tickets} tickets."))

    def report_statuses(self):
        counts = dict(Ticket.objects.values_list("status").annotate(n=Count("id")))
        for status in Ticket.Status:
            self.stdout.write(f"  {status.label}: {counts.get(status.value, 0)}")

    def show_progress(self, done: int, total: int):
        self.stdout.write(f"tickets: {done}/{total}")
        self.stdout.flush()
