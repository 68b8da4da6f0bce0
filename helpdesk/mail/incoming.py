"""One implementation for every way mail comes in: a raw RFC 822 message and the mailbox
it arrived at become a ticket, a reply, an Unmatched entry, or nothing (loops, junk)."""

import hashlib
import logging
import mimetypes
import re
from datetime import timedelta
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from helpdesk.errors import ActionError
from helpdesk.mail import content, tokens
from helpdesk.mail.models import BlockedSender, OutgoingMail, ReceivedMail, UnmatchedMail
from helpdesk.tickets import actions
from helpdesk.tickets.policies import TicketNotFound, access_ticket

log = logging.getLogger(__name__)

SUBJECT_TICKET = re.compile(r"\[#(\d{1,18})\]")
OUR_HEADER = "X-Helpdesk-Ticket"
JUNK_PRECEDENCE = {"bulk", "list", "junk"}
MESSAGE_ID = re.compile(r"<[^<>\s]{1,250}>")
# A complaint to the abuse mailbox is about someone else's service: staff decide whose
# (helpdesk/mail/views/desk.py opens the case); only a client answering their case's
# ticket goes straight in.
ABUSE_REPORT = gettext_lazy("abuse report")


class Outcome:
    TICKET, REPLY, UNMATCHED = "ticket", "reply", "unmatched"
    IGNORED, DROPPED, DUPLICATE = "ignored", "dropped", "duplicate"


def parse(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def receive(mailbox, raw: bytes) -> str:
    """Take one mail in, all or nothing. The same Message-ID twice is stored once."""
    message = parse(raw)
    sender = sender_of(message)
    try:
        with transaction.atomic():
            record = ReceivedMail.objects.create(
                message_id=message_id_of(message, raw), mailbox=mailbox, sender=sender,
                outcome="",
            )  # fmt: skip
            record.outcome, record.ticket = place(mailbox, message, raw, sender)
            record.save(update_fields=["outcome", "ticket"])
    except IntegrityError:
        if ReceivedMail.objects.filter(message_id=message_id_of(message, raw)).exists():
            return Outcome.DUPLICATE
        raise
    log.info("mail %s to %s: %s", record.message_id, mailbox, record.outcome)
    return record.outcome


def message_id_of(message, raw: bytes) -> str:
    given = str(message.get("Message-ID", "")).strip()[:255]
    return given or f"<sha256:{hashlib.sha256(raw).hexdigest()}>"


def sender_of(message) -> str:
    return parseaddr(str(message.get("From", "")))[1].strip().lower()[:255]


def place(mailbox, message, raw, sender) -> tuple[str, object]:
    """(what became of the mail, the ticket it went to or None)."""
    if is_automatic(message, sender):
        return Outcome.IGNORED, None
    if BlockedSender.objects.filter(address=sender).exists():
        return Outcome.DROPPED, None
    if over_rate_limit(sender):
        return park(mailbox, message, raw, sender, _("too many mails from this sender"))
    user = client_user(sender)
    ticket = thread_of(message, user) if user else None
    if mailbox.is_abuse and ticket is None:
        return park(mailbox, message, raw, sender, ABUSE_REPORT)
    if user is None:
        return park(mailbox, message, raw, sender, _("unknown sender"))
    return into_ticket(mailbox, message, raw, user, ticket)


def is_automatic(message, sender) -> bool:
    """Mail no one wrote, or our own: answering it would start a loop."""
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        auto != "no"
        or precedence in JUNK_PRECEDENCE
        or message.get_content_type() == "multipart/report"  # DSN, MDN
        or not sender
        or sender.split("@")[0] in {"mailer-daemon", "postmaster"}
        or message.get(OUR_HEADER) is not None
    )


def over_rate_limit(sender) -> bool:
    since = timezone.now() - timedelta(hours=1)
    recent = ReceivedMail.objects.filter(sender=sender, received_at__gte=since)
    return recent.count() > settings.MAIL_SENDER_MAILS_PER_HOUR


def client_user(address):
    users = User.objects.filter(email__iexact=address, is_active=True, client__isnull=False)
    return users.select_related("client").order_by("pk").first()


def park(mailbox, message, raw, sender, reason) -> tuple[str, None]:
    UnmatchedMail.objects.create(
        mailbox=mailbox, sender=sender, subject=subject_of(message)[:255],
        body=content.body_text(message), raw=raw, reason=str(reason)[:64],
    )  # fmt: skip
    return Outcome.UNMATCHED, None


def subject_of(message) -> str:
    return " ".join(str(message.get("Subject", "")).split())


def into_ticket(mailbox, message, raw, user, ticket):
    """Through the portal's actions, so paid departments, services and quotas apply; what
    they refuse is parked with their reason, not lost."""
    try:
        with transaction.atomic():
            return post(mailbox, message, raw, user, ticket)
    except ActionError as error:
        return park(mailbox, message, raw, sender_of(message), error.message)


def post(mailbox, message, raw, user, ticket):
    full = content.body_text(message)
    body = content.strip_reply(full) if ticket else full.strip()
    files = attachments_of(message, raw, cut=body != full.strip())
    body = body or _("(The mail had no text.)")
    if ticket is None:
        ticket = actions.open_ticket(
            user.client, author=user, subject=subject_of(message)[:200] or _("(no subject)"),
            body=body, department=mailbox.department, files=files, from_gate=True,
        )  # fmt: skip
        return Outcome.TICKET, ticket
    actions.post_client_message(ticket, author=user, body=body, files=files, from_gate=True)
    return Outcome.REPLY, ticket


def thread_of(message, user):
    """The ticket a reply joins: by a Message-ID of ours (or of the thread's earlier mail)
    in In-Reply-To / References, else by our signed token in the addresses, else by
    `[#123]` in the subject; only a ticket the sender may write to."""
    for ticket_id in threaded_ids(message):
        try:
            return access_ticket(user, ticket_id, to="write")
        except TicketNotFound:
            continue
    return None


def threaded_ids(message):
    yield from tickets_of_message_ids(referenced_ids(message))
    addresses = ", ".join(
        address
        for _name, address in getaddresses(message.get_all("To", []) + message.get_all("Cc", []))
    )
    ticket_id = tokens.ticket_id_in(addresses)
    if ticket_id is not None:
        yield ticket_id
    found = SUBJECT_TICKET.search(subject_of(message))
    if found:
        yield int(found[1])


def referenced_ids(message) -> list[str]:
    """In-Reply-To first, then References from the newest back; at most 50."""
    found = MESSAGE_ID.findall(str(message.get("In-Reply-To", "")))
    found += reversed(MESSAGE_ID.findall(str(message.get("References", ""))))
    return list(dict.fromkeys(found))[:50]


def tickets_of_message_ids(message_ids) -> list[int]:
    if not message_ids:
        return []
    sent = OutgoingMail.objects.filter(message_id__in=message_ids).values_list("ticket_id")
    received = ReceivedMail.objects.filter(message_id__in=message_ids, ticket__isnull=False)
    found = {*sent, *received.values_list("ticket_id")}
    found.update((ticket_id,) for ticket_id in map(tokens.ticket_id_in_thread_id, message_ids))
    return sorted({ticket_id for (ticket_id,) in found if ticket_id}, reverse=True)


def attachments_of(message, raw, *, cut) -> list:
    files = [
        ContentFile(part.get_payload(decode=True) or b"", name=file_name(part, number))
        for number, part in enumerate(attached_parts(message), start=1)
    ]
    if cut:  # what was cut from the text stays readable
        files.append(ContentFile(raw, name="original.eml"))
    return files


def attached_parts(message):
    """Every leaf part but the text we took and its other rendering: attachments, and the
    inline images of an HTML mail (multipart/related), which iter_attachments() misses."""
    body = message.get_body(preferencelist=("plain", "html"))
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        if part.get_content_type() in ("text/plain", "text/html") and not part.get_filename():
            continue
        yield part


def file_name(part, number) -> str:
    extension = mimetypes.guess_extension(part.get_content_type()) or ".bin"
    return part.get_filename() or f"inline-{number}{extension}"
