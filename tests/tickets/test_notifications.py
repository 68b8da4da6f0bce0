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
def test_a_new_ticket_tells_the_departments_staff_and_confirms_to_the_client(
    open_ticket, department_mail, client_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = open_ticket(subject="Mail bounces")
    assert [message.to for message in mail.outbox] == [["staff@hostco.example"],
                                                       [client_user.email]]  # fmt: skip
    for sent in mail.outbox:
        assert f"[#{ticket.pk}]" in sent.subject
        assert "Mail bounces" in sent.subject
    assert "New ticket" in mail.outbox[0].subject
    assert mail.outbox[1].extra_headers["Auto-Submitted"] == "auto-generated"


@pytest.mark.django_db
def test_a_staff_reply_tells_the_client(
    ticket, staff, client_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_staff_reply(ticket, author=staff, body="Restarted **nginx**.")
    replies = [sent for sent in mail.outbox if "Restarted **nginx**." in sent.body]
    assert [sent.to for sent in replies] == [[client_user.email], [ticket.client.email]]
    html = replies[0].alternatives[0]
    assert html.mimetype == "text/html" and "<strong>nginx</strong>" in html.content


@pytest.mark.django_db
def test_a_reply_hidden_before_the_worker_ran_is_not_mailed(ticket, staff):
    from helpdesk.messages.actions import set_hidden
    from helpdesk.tickets.notifications import mail_staff_reply

    reply = actions.post_staff_reply(ticket, author=staff, body="Oops, wrong customer")
    set_hidden([reply], by=staff, hidden=True)
    assert mail_staff_reply.call(reply.pk) == 0
    assert mail.outbox == []


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
    mail.outbox.clear()  # the ticket's own confirmation
    actions.post_staff_reply(ticket, author=staff, body="Fixed.")
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert [sent.to for sent in mail.outbox] == [[client_user.email], [ticket.client.email]]
    assert "Fixed." in mail.outbox[0].body


@pytest.mark.django_db
def test_mail_is_delivered_over_smtp(
    settings, smtp_server, ticket, staff, client_user, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = (
        "127.0.0.1",
        smtp_server.server.sockets[0].getsockname()[1],
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.post_staff_reply(ticket, author=staff, body="Your site is back.")
    delivered = smtp_server.received[0]
    assert client_user.email in delivered["To"]
    assert f"[#{ticket.pk}]" in delivered["Subject"]
    text = delivered.get_payload()[0]
    assert "Your site is back." in text.get_payload(decode=True).decode()
