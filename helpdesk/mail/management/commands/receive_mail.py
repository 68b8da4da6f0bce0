"""`receive_mail --mailbox ADDR < message.eml`: one mail from an MTA pipe (Postfix, Exim)."""

import logging
import re
import sys

from django.core.management.base import BaseCommand, CommandError

from helpdesk.mail.incoming import receive
from helpdesk.mail.models import Mailbox

log = logging.getLogger(__name__)
EX_TEMPFAIL = 75  # sysexits.h: the MTA keeps the mail and tries again later
MAX_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = "Import one RFC 822 message from standard input into the given mailbox."

    def add_arguments(self, parser):
        parser.add_argument("--mailbox", required=True, help="the mailbox's address")

    def handle(self, *args, mailbox, **options):
        plain = re.sub(r"\+[^@]*@", "@", mailbox)  # Postfix passes support+t1.SIG@…
        box = Mailbox.objects.filter(address__iexact=plain, enabled=True).first()
        if box is None:
            raise CommandError(f"no enabled mailbox {mailbox}")
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise CommandError("the message is larger than 50 MB")
        try:
            outcome = receive(box, raw)
        except Exception:
            log.exception("mail to %s could not be imported; the MTA will retry", box)
            sys.exit(EX_TEMPFAIL)
        self.stdout.write(outcome)
