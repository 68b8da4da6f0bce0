"""Mail about ticket events: one task per kind of mail, queued by the actions after their
transaction commits and sent by the task worker (`manage.py db_worker`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from helpdesk.messages.models import Message
from helpdesk.tickets.models import Ticket


def ticket_opened(ticket) -> None:
    transaction.on_commit(lambda: mail_ticket_opened.enqueue(ticket.pk))


def client_wrote(message) -> None:
    transaction.on_commit(lambda: mail_client_message.enqueue(message.pk))


def staff_replied(message) -> None:
    transaction.on_commit(lambda: mail_staff_reply.enqueue(message.pk))


def abuse_action_applied(system_message) -> None:
    transaction.on_commit(lambda: mail_abuse_action.enqueue(system_message.pk))


@task()
def mail_ticket_opened(ticket_id: int) -> int:
    """Tell the department (or the responsible) about a new ticket. Returns mails sent."""
    ticket = Ticket.objects.select_related("department", "client").get(pk=ticket_id)
    return deliver(ticket, "opened", ticket.messages.first().body, staff_recipients(ticket))


@task()
def mail_client_message(message_id: int) -> int:
    """Tell support that the client wrote."""
    message = message_with_ticket(message_id)
    return deliver(message.ticket, "client_wrote", message.body, staff_recipients(message.ticket))


@task()
def mail_staff_reply(message_id: int) -> int:
    """Tell the client that support answered, unless the reply was hidden meanwhile."""
    message = message_with_ticket(message_id)
    if message.hidden:  # hidden before the worker got to it: the client must not see it
        return 0
    return deliver(message.ticket, "staff_replied", message.body, client_recipients(message.ticket))


@task()
def mail_abuse_action(message_id: int) -> int:
    """Tell the client and the responsible staff what an abuse case's action did."""
    message = message_with_ticket(message_id)
    ticket = message.ticket
    to_client = deliver(ticket, "abuse_action", message.body, client_recipients(ticket))
    return to_client + deliver(ticket, "abuse_action", message.body, staff_recipients(ticket))


def message_with_ticket(message_id):
    related = ("ticket__department", "ticket__client")
    return Message.objects.select_related(*related).get(pk=message_id)


def deliver(ticket, event, text, recipients) -> int:
    if not recipients:
        return 0
    context = {"ticket": ticket, "event": event, "text": text}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("mail/ticket_subject.txt", context)
        body = render_to_string("mail/ticket_body.txt", context)
    return send_mail(" ".join(subject.split()), body, None, recipients)


def staff_recipients(ticket) -> list[str]:
    if ticket.responsible_id and ticket.responsible.email:
        return [ticket.responsible.email]
    return [email for email in ticket.department.members.values_list("email", flat=True) if email]


def client_recipients(ticket) -> list[str]:
    emails = set(ticket.client.users.filter(is_active=True).values_list("email", flat=True))
    emails.add(ticket.client.email)
    return sorted(email for email in emails if email)
