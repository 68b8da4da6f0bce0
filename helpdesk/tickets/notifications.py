"""Mail about ticket events, sent by the task worker after the transaction commits."""

from django.db import transaction

from helpdesk.tickets import tasks


def enqueue(event: str, object_id: int) -> None:
    transaction.on_commit(lambda: tasks.send_ticket_mail.enqueue(event, object_id))


def ticket_opened(ticket) -> None:
    enqueue("opened", ticket.pk)


def client_wrote(message) -> None:
    enqueue("client_wrote", message.pk)


def staff_replied(message) -> None:
    enqueue("staff_replied", message.pk)
