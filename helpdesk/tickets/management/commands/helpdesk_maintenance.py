from django.core.management.base import BaseCommand

from helpdesk.tickets import tasks


class Command(BaseCommand):
    help = "Queue the periodic work (auto-archive, clean-up) for the task worker; run from cron."

    def add_arguments(self, parser):
        parser.add_argument(
            "--inline", action="store_true", help="Do the work here instead of queueing it."
        )

    def handle(self, *args, inline=False, **options):
        if inline:
            archived = tasks.auto_archive_closed_tickets.call()
            pruned = tasks.prune_submitted_forms.call()
            expired = tasks.end_expired_acting.call()
            self.stdout.write(
                f"archived {archived} tickets, pruned {pruned} form tokens, "
                f"ended {expired} expired acting sessions"
            )
            return
        tasks.auto_archive_closed_tickets.enqueue()
        tasks.prune_submitted_forms.enqueue()
        tasks.end_expired_acting.enqueue()
        self.stdout.write("queued auto-archive and clean-up")
