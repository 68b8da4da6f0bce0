"""Mail about ticket events goes out through the task queue after the transaction commits."""

import pytest
from django.core import mail
from django.core.management import call_command

from helpdesk.tickets import actions


@pytest.fixture
def department_mail(tech, staff):
    staff.email = "staff@hostco.example"
    staff.save()
    return tech


@pytest.mark.django_db
def test_a_new_ticket_tells_the_departments_staff(
    open_ticket, department_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = open_ticket(subject="Mail bounces")
    assert [message.to for message in mail.outbox] == [["staff@hostco.example"]]
    assert f"[#{ticket.pk}]" in mail.outbox[0].subject
    assert "Mail bounces" in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_staff_reply_tells_the_client(
    ticket, staff, client_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_staff_reply(ticket, author=staff, body="Restarted **nginx**.")
    assert set(mail.outbox[-1].to) == {client_user.email, ticket.client.email}
    assert "Restarted **nginx**." in mail.outbox[-1].body


@pytest.mark.django_db
def test_notes_send_no_mail(ticket, staff, department_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_note(ticket, author=staff, body="internal")
    assert mail.outbox == []


@pytest.mark.django_db
def test_nothing_is_sent_when_the_transaction_rolls_back(open_ticket, department_mail):
    open_ticket()  # inside the test's transaction, never committed
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_delivers_through_the_worker(settings, ticket, staff, client_user):
    """The production path: the task waits in the database until `db_worker` runs it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    actions.post_staff_reply(ticket, author=staff, body="Fixed.")
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1
    assert "Fixed." in mail.outbox[0].body
