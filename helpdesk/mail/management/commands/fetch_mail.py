"""`fetch_mail [--mailbox ADDR]`: poll the enabled IMAP and POP3 mailboxes once (the task
worker does the same every minute through `helpdesk_maintenance`)."""

from django.core.management.base import BaseCommand, CommandError

from helpdesk.mail import fetching
from helpdesk.mail.models import Mailbox


class Command(BaseCommand):
    help = "Fetch mail from every enabled IMAP/POP3 mailbox (or one) and import it."

    def add_arguments(self, parser):
        parser.add_argument("--mailbox", help="only this mailbox's address")

    def handle(self, *args, mailbox=None, **options):
        boxes = Mailbox.objects.filter(
            enabled=True, method__in=[Mailbox.Method.IMAP, Mailbox.Method.POP3]
        ).order_by("pk")
        if mailbox:
            boxes = boxes.filter(address__iexact=mailbox)
            if not boxes:
                raise CommandError(f"no enabled IMAP or POP3 mailbox {mailbox}")
        failed = []
        for box in boxes:
            taken = fetching.fetch_mailbox(box)
            box.refresh_from_db(fields=["last_error"])
            if box.last_error:
                failed.append(box.address)
                self.stderr.write(f"{box.address}: {box.last_error}")
            self.stdout.write(f"{box.address}: {taken} imported")
        if failed:
            raise CommandError(f"fetching failed for {', '.join(failed)}")
