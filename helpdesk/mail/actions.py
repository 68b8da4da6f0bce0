"""What staff do with Unmatched mail: make it a client's ticket, or discard it."""

from django.db import transaction
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.mail import content, incoming
from helpdesk.mail.models import UnmatchedMail
from helpdesk.tickets import actions as ticket_actions


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
