"""Mail about ticket events: the actions call the hooks below, which queue one task per
event after their transaction commits; the task worker (`manage.py db_worker`) decides who
hears of it and hands the mail to `helpdesk/mail/outgoing.py` (building, sending, retries)."""

from django.db import transaction
from django_tasks import task

from accounts.models import User
from helpdesk.mail import outgoing
from helpdesk.mail.models import OutgoingMail
from helpdesk.messages.models import Message
from helpdesk.tickets.models import Ticket

Kind = OutgoingMail.Kind


def ticket_opened(ticket) -> None:
    transaction.on_commit(lambda: mail_ticket_opened.enqueue(ticket.pk))


def client_wrote(message) -> None:
    transaction.on_commit(lambda: mail_client_message.enqueue(message.pk))


def staff_replied(message) -> None:
    transaction.on_commit(lambda: mail_staff_reply.enqueue(message.pk))


def ticket_split(ticket, new_ticket, *, by) -> None:
    actor = by.pk if by else None
    transaction.on_commit(lambda: mail_ticket_split.enqueue(ticket.pk, new_ticket.pk, actor))


def tickets_closed(tickets, *, by) -> None:
    ids, actor = [ticket.pk for ticket in tickets], by.pk if by else None
    transaction.on_commit(lambda: [mail_ticket_closed.enqueue(pk, actor) for pk in ids])


def abuse_action_applied(system_message) -> None:
    transaction.on_commit(lambda: mail_abuse_action.enqueue(system_message.pk))


@task()
def mail_ticket_opened(ticket_id: int) -> int:
    """Tell the department (or the responsible) about a new ticket, and confirm it to the
    client who opened it. Returns mails sent."""
    ticket = ticket_with_people(ticket_id)
    first = ticket.messages.order_by("created_at", "pk").first()
    author = first.author if first else None
    sent = outgoing.notify(Kind.OPENED, ticket, staff_recipients(ticket), message=first,
                           for_staff=True, actor=author)  # fmt: skip
    if author is not None and author.client_id == ticket.client_id:
        sent += outgoing.notify(Kind.RECEIVED, ticket, [author], message=first, for_staff=False)
    return sent


@task()
def mail_client_message(message_id: int) -> int:
    """Tell the responsible staff member (or the department) that the client wrote."""
    message = message_with_ticket(message_id)
    return outgoing.notify(Kind.CLIENT_WROTE, message.ticket, staff_recipients(message.ticket),
                           message=message, for_staff=True, actor=message.author)  # fmt: skip


@task()
def mail_staff_reply(message_id: int) -> int:
    """Tell the client that support answered, unless the reply was hidden meanwhile."""
    message = message_with_ticket(message_id)
    if message.hidden:  # hidden before the worker got to it: the client must not see it
        return 0
    return outgoing.notify(Kind.STAFF_REPLIED, message.ticket, client_recipients(message.ticket),
                           message=message, for_staff=False, actor=message.author)  # fmt: skip


@task()
def mail_ticket_split(ticket_id: int, new_ticket_id: int, actor_id: int | None) -> int:
    """The client and the responsible staff hear where the conversation continues."""
    new_ticket, actor = ticket_with_people(new_ticket_id), user_or_none(actor_id)
    details = {"other": ticket_id}
    to_client = outgoing.notify(Kind.SPLIT, new_ticket, client_recipients(new_ticket),
                                for_staff=False, actor=actor, context=details)  # fmt: skip
    return to_client + outgoing.notify(Kind.SPLIT, new_ticket, staff_recipients(new_ticket),
                                       for_staff=True, actor=actor, context=details)  # fmt: skip


@task()
def mail_ticket_closed(ticket_id: int, actor_id: int | None) -> int:
    ticket, actor = ticket_with_people(ticket_id), user_or_none(actor_id)
    to_client = outgoing.notify(Kind.CLOSED, ticket, client_recipients(ticket), for_staff=False,
                                actor=actor)  # fmt: skip
    return to_client + outgoing.notify(Kind.CLOSED, ticket, staff_recipients(ticket),
                                       for_staff=True, actor=actor)  # fmt: skip


@task()
def mail_abuse_action(message_id: int) -> int:
    """Tell the client and the responsible staff what an abuse case's action did."""
    message = message_with_ticket(message_id)
    ticket = message.ticket
    to_client = outgoing.notify(Kind.ABUSE_ACTION, ticket, client_recipients(ticket),
                                message=message, for_staff=False)  # fmt: skip
    return to_client + outgoing.notify(Kind.ABUSE_ACTION, ticket, staff_recipients(ticket),
                                       message=message, for_staff=True)  # fmt: skip


def ticket_with_people(ticket_id):
    return Ticket.objects.select_related("department", "client", "responsible").get(pk=ticket_id)


def message_with_ticket(message_id):
    related = ("ticket__department", "ticket__client", "ticket__responsible", "author")
    return Message.objects.select_related(*related).get(pk=message_id)


def user_or_none(user_id):
    return User.objects.filter(pk=user_id).first() if user_id else None


def staff_recipients(ticket) -> list:
    if ticket.responsible_id:
        return [ticket.responsible] if ticket.responsible.is_active else []
    return list(ticket.department.members.filter(is_active=True).order_by("pk"))


def client_recipients(ticket) -> list:
    """The client's active users, and the account's own address (it has no preferences)."""
    users = list(ticket.client.users.filter(is_active=True).order_by("pk"))
    return [*users, ticket.client.email] if ticket.client.email else users
