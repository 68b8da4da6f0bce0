"""Notifications as mail people can act on: one mail per person, multipart (the text and
the message's sanitised HTML), a link straight to the ticket, `[#123]` in the subject,
threading headers, a Reply-To that leads back into the ticket, and a durable row
(`OutgoingMail`) that is retried with growing pauses until it is sent or given up."""

import logging
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from helpdesk.mail import tokens
from helpdesk.mail.models import Mailbox, NotificationPreferences, OutgoingMail, ReceivedMail

log = logging.getLogger(__name__)

Kind = OutgoingMail.Kind
# Nobody wrote these: mail programs and autoresponders must not answer them (RFC 3834).
AUTOMATIC = {Kind.RECEIVED, Kind.SPLIT, Kind.CLOSED, Kind.ABUSE_ACTION}
UNSUBSCRIBE_SALT = "helpdesk.mail.unsubscribe"
SAFETY_NET = timedelta(minutes=5)  # a row whose first attempt never ran is swept up after this


def notify(kind, ticket, people, *, message=None, for_staff, actor=None, context=None) -> int:
    """Queue and send `kind` about `ticket` to each of `people` (users, or bare addresses)
    who wants it, never to `actor`. Returns the number of mails sent now."""
    rows = [
        OutgoingMail.objects.create(
            message_id=make_msgid(idstring=f"t{ticket.pk}", domain=tokens.mail_domain()),
            kind=kind,
            ticket=ticket,
            ticket_message=message,
            recipient=user,
            address=address,
            for_staff=for_staff,
            context=context or {},
            next_attempt_at=timezone.now() + SAFETY_NET,
        )  # fmt: skip
        for user, address in wanted(kind, people, actor)
    ]
    return sum(send(row.pk) for row in rows)


def wanted(kind, people, actor) -> list[tuple]:
    """(user or None, address) pairs, one per address."""
    seen, found = set(), []
    users = [person for person in people if not isinstance(person, str)]
    preferences = NotificationPreferences.objects.filter(user__in=users).in_bulk(
        field_name="user_id"
    )
    for person in people:
        user, address = (None, person) if isinstance(person, str) else (person, person.email)
        if not address or address.lower() in seen or (user and actor and user.pk == actor.pk):
            continue
        if user is not None and user.pk in preferences and not preferences[user.pk].wants(kind):
            continue
        seen.add(address.lower())
        found.append((user, address))
    return found


def send(row_id) -> bool:
    """One attempt, under the row's lock so two workers never send the same mail twice."""
    with transaction.atomic():
        row = (
            OutgoingMail.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("ticket__department", "ticket__client", "ticket_message", "recipient")
            .filter(pk=row_id, status=OutgoingMail.Status.PENDING)
            .first()
        )
        if row is None:
            return False
        if row.ticket_message and row.ticket_message.hidden and not row.for_staff:
            row.status = OutgoingMail.Status.DROPPED  # hidden meanwhile: the client must not see it
            row.save(update_fields=["status"])
            return False
        return attempt(row)


def attempt(row) -> bool:
    row.attempts += 1
    try:
        build(row).send()
    except Exception as error:  # SMTP refusals, timeouts, DNS: all retried, all recorded
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        give_up = row.attempts >= settings.MAIL_SEND_ATTEMPTS
        row.status = OutgoingMail.Status.FAILED if give_up else OutgoingMail.Status.PENDING
        row.next_attempt_at = None if give_up else timezone.now() + backoff(row.attempts)
        log.warning("mail %s to %s failed (attempt %s): %s", row.message_id, row.address,
                    row.attempts, row.last_error)  # fmt: skip
        row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    row.status, row.sent_at, row.next_attempt_at = OutgoingMail.Status.SENT, timezone.now(), None
    row.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
    return True


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** (attempts - 1), 240))


def send_due(now=None, limit=200) -> int:
    """The periodic sweep: every mail whose next attempt is due."""
    due = OutgoingMail.objects.filter(
        status=OutgoingMail.Status.PENDING, next_attempt_at__lte=now or timezone.now()
    ).order_by("next_attempt_at")
    return sum(send(row_id) for row_id in due.values_list("pk", flat=True)[:limit])


def build(row) -> EmailMultiAlternatives:
    ticket = row.ticket
    with translation.override(settings.LANGUAGE_CODE):
        context = mail_context(row)
        subject = " ".join(render_to_string("mail/notification_subject.txt", context).split())
        text = render_to_string("mail/notification.txt", context)
        html = render_to_string("mail/notification.html", context)
    email = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [row.address], headers=headers(row, context)
    )
    email.attach_alternative(html, "text/html")
    for attachment in context["attached"]:
        with attachment.file.open("rb") as stored:
            email.attach(attachment.name, stored.read(), attachment.content_type)
    log.debug("built %s about #%s for %s", row.message_id, ticket.pk, row.address)
    return email


def mail_context(row) -> dict:
    message = row.ticket_message
    attached, linked = split_attachments(message)
    return {
        "row": row,
        "kind": row.kind,
        "ticket": row.ticket,
        "message": message,
        "html": absolute_links(message.html) if message else "",
        "link": ticket_link(row),
        # Staff answer in the desk: a staff address writing to the mailbox is no client.
        "reply_to": "" if row.for_staff else reply_address(row.ticket),
        "attached": attached,
        "linked": [(each, absolute(reverse("attachment", args=[each.pk]))) for each in linked],
        "unsubscribe": unsubscribe_link(row),
        "details": row.context,
    }


def split_attachments(message) -> tuple[list, list]:
    """Attached while they fit in MAIL_ATTACH_MAX_BYTES together; the rest linked."""
    if message is None:
        return [], []
    attached, linked, room = [], [], settings.MAIL_ATTACH_MAX_BYTES
    for attachment in message.attachments.order_by("pk"):
        if attachment.size <= room:
            attached.append(attachment)
            room -= attachment.size
        else:
            linked.append(attachment)
    return attached, linked


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def absolute_links(html: str) -> str:
    """The stored HTML links within the site (/files/…); in a mail they need the host."""
    return html.replace('href="/', f'href="{settings.SITE_URL}/').replace(
        'src="/', f'src="{settings.SITE_URL}/'
    )


def ticket_link(row) -> str:
    name = "desk:ticket_edit" if row.for_staff else "portal:ticket_detail"
    return absolute(reverse(name, args=[row.ticket_id]))


def department_mailbox(department):
    """The department's address for replies: an ordinary mailbox before the abuse one."""
    boxes = Mailbox.objects.filter(department=department, enabled=True)
    return boxes.order_by("is_abuse", "pk").first()


def reply_address(ticket) -> str:
    mailbox = department_mailbox(ticket.department)
    return tokens.reply_address(mailbox.address, ticket.pk) if mailbox else ""


def headers(row, context) -> dict:
    in_reply_to, references = thread_of(row)
    found = {
        "Message-ID": row.message_id,
        "In-Reply-To": in_reply_to,
        "References": " ".join(references),
        "X-Helpdesk-Ticket": str(row.ticket_id),  # our own mail coming back is never imported
    }
    if context["reply_to"]:
        found["Reply-To"] = context["reply_to"]
    if row.kind in AUTOMATIC:
        found["Auto-Submitted"] = "auto-generated"
    if context["unsubscribe"]:
        found["List-Unsubscribe"] = f"<{context['unsubscribe']}>"
        found["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return found


def thread_of(row) -> tuple[str, list[str]]:
    """In-Reply-To: the newest mail of this ticket's thread this person has (theirs to us, or
    ours to them); References: the thread's root, the first mail that came in, and that."""
    root = tokens.thread_id(row.ticket_id)
    received = ReceivedMail.objects.filter(ticket_id=row.ticket_id).order_by("received_at", "pk")
    first = received.values_list("message_id", flat=True).first()
    latest = [
        *received.filter(sender=row.address.lower()).values_list("received_at", "message_id"),
        *OutgoingMail.objects.filter(
            ticket_id=row.ticket_id, address=row.address, status=OutgoingMail.Status.SENT
        ).values_list("sent_at", "message_id"),
    ]
    in_reply_to = max(latest)[1] if latest else (first or root)
    references = list(dict.fromkeys(filter(None, [root, first, in_reply_to])))
    return in_reply_to, references


def unsubscribe_link(row) -> str:
    if row.recipient_id is None or row.kind == Kind.ABUSE_ACTION:
        return ""
    token = signing.dumps({"u": row.recipient_id, "k": row.kind}, salt=UNSUBSCRIBE_SALT)
    return absolute(reverse("mail_unsubscribe", args=[token]))


def read_unsubscribe(token: str):
    """(user id, kind) from a link we made, else None."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("k") not in Kind.values:
        return None
    return data.get("u"), data["k"]
