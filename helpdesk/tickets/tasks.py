"""Background work, run by `manage.py db_worker`."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_ticket_mail(event: str, object_id: int) -> int:
    """Tell the other side of the conversation that something happened. Returns mails sent."""
    from helpdesk.messages.models import Message
    from helpdesk.tickets.models import Ticket

    if event == "opened":
        ticket = Ticket.objects.select_related("department", "client").get(pk=object_id)
        recipients, body_text = staff_recipients(ticket), ticket.messages.first().body
    else:
        message = Message.objects.select_related("ticket__department", "ticket__client").get(
            pk=object_id
        )
        if message.hidden:  # hidden before the worker got to it: the client must not see it
            return 0
        ticket, body_text = message.ticket, message.body
        recipients = (
            client_recipients(ticket) if event == "staff_replied" else staff_recipients(ticket)
        )
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("mail/ticket_subject.txt", {"ticket": ticket, "event": event})
        body = render_to_string(
            "mail/ticket_body.txt", {"ticket": ticket, "event": event, "text": body_text}
        )
    return send_mail(" ".join(subject.split()), body, None, recipients)


def staff_recipients(ticket) -> list[str]:
    if ticket.responsible_id and ticket.responsible.email:
        return [ticket.responsible.email]
    return [email for email in ticket.department.members.values_list("email", flat=True) if email]


def client_recipients(ticket) -> list[str]:
    emails = set(ticket.client.users.filter(is_active=True).values_list("email", flat=True))
    emails.add(ticket.client.email)
    return sorted(email for email in emails if email)


@task()
def end_expired_acting() -> int:
    from accounts.impersonation import end_expired_acting

    return end_expired_acting()


@task()
def auto_archive_closed_tickets() -> int:
    from helpdesk.tickets.actions import auto_archive

    return auto_archive()


@task()
def prune_submitted_forms() -> int:
    """One-time form tokens only matter for minutes; keep a day of them."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import SubmittedForm

    cutoff = timezone.now() - timedelta(days=1)
    deleted, _ = SubmittedForm.objects.filter(created_at__lt=cutoff).delete()
    return deleted
