"""Who sees which Unmatched mail: root all; staff that of their departments' mailboxes."""

from accounts.policies import is_desk_user
from helpdesk.mail.models import UnmatchedMail
from helpdesk.tickets.policies import staff_departments


def visible_unmatched(user):
    if not is_desk_user(user):
        return UnmatchedMail.objects.none()
    return UnmatchedMail.objects.filter(mailbox__department__in=staff_departments(user))
