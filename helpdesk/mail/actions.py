"""What staff do with Unmatched mail: make it a client's ticket, an abuse case against a
client (mail to the abuse mailbox), or discard it."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.mail import content, incoming
from helpdesk.mail.models import UnmatchedMail
from helpdesk.tickets import actions as ticket_actions
from helpdesk.violations import actions as violation_actions


def locked(mail) -> UnmatchedMail:
    found = UnmatchedMail.objects.select_for_update().filter(pk=mail.pk).first()
    if found is None:
        raise ActionError(_("This mail was already handled."), code="missed")
    return found


@transaction.atomic
def attach_to_client(mail, *, client, by):
    """Open the client's ticket from the kept mail (text, attachments, the original) and
    forget the Unmatched entry; refused, the mail stays where it is."""
    mail = locked(mail)
    message = incoming.parse(bytes(mail.raw))
    ticket = ticket_actions.open_ticket(
        client, author=by, subject=mail.subject[:200] or _("(no subject)"),
        body=content.body_text(message).strip() or _("(The mail had no text.)"),
        department=mail.mailbox.department, from_gate=True,
        files=incoming.attachments_of(message, bytes(mail.raw), cut=True),
    )  # fmt: skip
    mail.delete()
    return ticket


@transaction.atomic
def discard(mail) -> None:
    locked(mail).delete()


@transaction.atomic
def open_abuse_case_from(mail, *, by, **case):
    """A complaint becomes a case against the client staff named (`open_abuse_case`: a new
    ticket with staff's message to the client, deadline and action); the complaint itself
    stays on that ticket as a staff note with the original mail, never shown to the client
    (it may name the reporter)."""
    mail = locked(mail)
    violation = violation_actions.open_abuse_case(by=by, **case)
    ticket_actions.add_note(
        violation.ticket, author=by,
        body=_("The complaint from %(sender)s, as it arrived:") % {"sender": mail.sender}
        + "\n\n" + (mail.body.strip() or _("(The mail had no text.)")),
        files=[ContentFile(bytes(mail.raw), name="original.eml")],
    )  # fmt: skip
    mail.delete()
    return violation
