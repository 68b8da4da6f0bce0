import time

from django.core.management.base import BaseCommand

from accounts import tasks as account_tasks
from helpdesk.mail import tasks as mail_tasks
from helpdesk.reports import maintenance as reports
from helpdesk.tickets import maintenance
from helpdesk.violations import tasks as violation_tasks

# (what it reports, the task): everything that runs on a schedule, in one list. Each task
# is idempotent and catches up, so running them late or twice does no harm.
PERIODIC = [
    ("tickets archived", maintenance.auto_archive_closed_tickets),
    ("form tokens pruned", account_tasks.prune_submitted_forms),
    ("expired acting sessions ended", account_tasks.end_expired_acting),
    ("report days recomputed", reports.catch_up_reports),
    ("abuse deadlines applied", violation_tasks.apply_abuse_deadlines),
    ("ticket viewers forgotten", maintenance.forget_closed_ticket_pages),
    ("mails fetched", mail_tasks.fetch_all_mail),
    ("notifications sent again", mail_tasks.send_due_mail),
]


class Command(BaseCommand):
    help = (
        "Queue the periodic work (auto-archive, clean-up, fetching mail) for the task worker; "
        "run from cron, "
        "or with --every SECONDS as a long-running scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--inline", action="store_true", help="Do the work here instead of queueing it."
        )
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and queue the work every SECONDS (make run uses 60).",
        )

    def handle(self, *args, inline=False, every=0, **options):
        while True:
            self.run_once(inline)
            if every <= 0:
                return
            time.sleep(every)

    def run_once(self, inline):
        if inline:
            done = [f"{task.call()} {what}" for what, task in PERIODIC]
            self.stdout.write(", ".join(done))
            return
        for _what, task in PERIODIC:
            task.enqueue()
        self.stdout.write(f"queued {len(PERIODIC)} periodic tasks")
