"""Notifications people can act on: who gets which, what is in them, and what happens when
sending fails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.roles import Role
from helpdesk.mail import outgoing, tokens
from helpdesk.mail.models import Mailbox, NotificationPreferences, OutgoingMail
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the action, then what it queued for after its commit (the mail tasks)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def colleague(tech):
    user = UserFactory(username="colleague", role=Role.ADMIN)
    tech.members.add(user)
    return user


def to(address) -> list:
    return [sent for sent in mail.outbox if sent.to == [address]]


def test_a_staff_reply_carries_the_thread_and_a_reply_address(
    ticket, staff, client_user, tech, run_on_commit, settings
):
    settings.SITE_URL = "https://help.hostco.example"
    Mailbox.objects.create(address="support@hostco.example", department=tech)
    mail.outbox.clear()
    reply = run_on_commit(actions.post_staff_reply, ticket, author=staff, body="Fixed.")
    [sent] = to(client_user.email)
    headers = sent.extra_headers
    row = OutgoingMail.objects.get(ticket_message=reply, address=client_user.email)
    assert headers["Message-ID"] == row.message_id and row.status == OutgoingMail.Status.SENT
    assert headers["Message-ID"].endswith("@help.hostco.example>")
    assert tokens.thread_id(ticket.pk) in headers["References"]
    assert tokens.ticket_id_in(headers["Reply-To"]) == ticket.pk
    assert headers["Reply-To"].startswith("support+t") and "Auto-Submitted" not in headers
    assert headers["List-Unsubscribe"].startswith("<https://help.hostco.example/mail/unsubscribe/")
    assert f"https://help.hostco.example/tickets/{ticket.pk}/" in sent.body


def test_our_own_notification_coming_back_is_not_imported(ticket, staff, client_user, tech):
    from helpdesk.mail.incoming import receive

    box = Mailbox.objects.create(address="support@hostco.example", department=tech)
    client_user.email = "client@example.com"
    row = OutgoingMail.objects.create(message_id="<x@h>", kind="staff_replied", ticket=ticket,
                                      address=client_user.email)  # fmt: skip
    looped = outgoing.build(row).message().as_bytes()
    assert receive(box, looped) == "ignored"
    assert ticket.messages.count() == 1


def test_attachments_ride_along_up_to_the_limit_and_are_linked_beyond(
    ticket, staff, client_user, run_on_commit, settings
):
    settings.MAIL_ATTACH_MAX_BYTES = 1000
    mail.outbox.clear()
    files = [ContentFile(b"a" * 600, name="small.log"), ContentFile(b"b" * 600, name="big.log")]
    reply = run_on_commit(actions.post_staff_reply, ticket, author=staff, body="Logs.",
                          files=files)  # fmt: skip
    [sent] = to(client_user.email)
    assert [(name, len(data)) for name, data, _type in sent.attachments] == [("small.log", 600)]
    big = reply.attachments.get(name="big.log")
    assert f"/files/{big.pk}/" in sent.body
    assert f"/files/{big.pk}/" in sent.alternatives[0].content


def test_a_staff_member_never_gets_mail_about_their_own_action(
    ticket, staff, colleague, client_user, run_on_commit
):
    mail.outbox.clear()
    run_on_commit(actions.close_tickets, [ticket], by=staff)
    assert to(staff.email) == []
    [to_colleague] = to(colleague.email)
    assert f"[#{ticket.pk}]" in to_colleague.subject and "Closed" in to_colleague.subject
    [to_client] = to(client_user.email)
    assert to_client.extra_headers["Auto-Submitted"] == "auto-generated"
    assert "reopens" in to_client.body


def test_a_split_tells_the_client_where_the_conversation_went(
    ticket, staff, client_user, run_on_commit
):
    second = actions.post_client_message(ticket, author=client_user, body="Also my mail.")
    mail.outbox.clear()
    new_ticket = run_on_commit(actions.split_ticket, ticket, message=second, by=staff)
    [sent] = to(client_user.email)
    assert f"[#{new_ticket.pk}]" in sent.subject
    assert f"split from ticket #{ticket.pk}" in sent.body
    assert to(staff.email) == []


def test_preferences_chosen_in_the_profile_stop_that_kind_of_mail(
    client, ticket, staff, client_user, run_on_commit
):
    client.force_login(client_user)
    page = client.get("/accounts/notifications/")
    assert page.status_code == 200 and 'name="staff_replied"' in page.content.decode()
    assert 'name="client_wrote"' not in page.content.decode()  # a staff choice
    response = client.post("/accounts/notifications/", {"received": "on", "closed": "on"})
    assert response.status_code == 302
    mail.outbox.clear()
    run_on_commit(actions.post_staff_reply, ticket, author=staff, body="Fixed.")
    assert to(client_user.email) == []
    run_on_commit(actions.close_tickets, [ticket], by=staff)
    assert len(to(client_user.email)) == 1


def test_staff_choose_too(client, ticket, staff, client_user, run_on_commit):
    client.force_login(staff)
    assert client.post("/accounts/notifications/", {"opened": "on"}).status_code == 302
    mail.outbox.clear()
    run_on_commit(actions.post_client_message, ticket, author=client_user, body="Any news?")
    assert to(staff.email) == []


def test_one_click_unsubscribe_asks_on_get_and_acts_on_post(
    client, ticket, staff, client_user, run_on_commit
):
    mail.outbox.clear()
    run_on_commit(actions.post_staff_reply, ticket, author=staff, body="Fixed.")
    link = to(client_user.email)[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200  # a link scanner changes nothing
    assert not NotificationPreferences.objects.exists()
    assert client.post(path).status_code == 200
    assert not NotificationPreferences.objects.get(user=client_user).staff_replied
    assert client.post(path[:-5] + "xxxx/").status_code == 404


def test_a_failed_send_is_retried_with_growing_pauses_and_shown_to_root(
    ticket, staff, client_user, settings, run_on_commit, admin_client_for_root
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    settings.MAIL_SEND_ATTEMPTS = 3
    run_on_commit(actions.post_staff_reply, ticket, author=staff, body="Fixed.")
    row = OutgoingMail.objects.get(kind="staff_replied", address=client_user.email)
    assert (row.status, row.attempts) == (OutgoingMail.Status.PENDING, 1)
    assert "Connection refused" in row.last_error
    first_pause = row.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < first_pause <= timedelta(minutes=1)

    assert outgoing.send_due() == 0  # not due yet
    assert outgoing.send_due(now=row.next_attempt_at) == 0  # due, fails again
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at - timezone.now() > timedelta(minutes=1.5)
    outgoing.send_due(now=row.next_attempt_at)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 3, None)

    page = admin_client_for_root.get("/admin/mail/outgoingmail/?status__exact=failed")
    assert "Connection refused" in page.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    admin_client_for_root.post("/admin/mail/outgoingmail/",
                               {"action": "send_again", "_selected_action": [row.pk]})  # fmt: skip
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENT and len(to(client_user.email)) == 1


def test_a_reply_hidden_before_a_retry_is_not_sent(ticket, staff, client_user, run_on_commit):
    from helpdesk.messages.actions import set_hidden

    reply = actions.post_staff_reply(ticket, author=staff, body="Wrong customer", notify=False)
    row = OutgoingMail.objects.create(message_id="<r@h>", kind="staff_replied", ticket=ticket,
                                      ticket_message=reply, address=client_user.email,
                                      next_attempt_at=timezone.now())  # fmt: skip
    set_hidden([reply], by=staff, hidden=True)
    mail.outbox.clear()
    assert outgoing.send_due() == 0
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.DROPPED and mail.outbox == []


@pytest.fixture
def admin_client_for_root(client, root):
    client.force_login(root)
    return client


def test_notes_are_never_mailed(ticket, staff, client_user, run_on_commit):
    mail.outbox.clear()
    run_on_commit(actions.add_note, ticket, author=staff, body="internal")
    assert mail.outbox == []
    assert not OutgoingMail.objects.filter(ticket_message__kind=Message.Kind.NOTE).exists()


def test_staff_mail_sends_staff_to_the_desk_not_to_the_mailbox(
    ticket, staff, client_user, tech, run_on_commit
):
    Mailbox.objects.create(address="support@hostco.example", department=tech)
    mail.outbox.clear()
    run_on_commit(actions.post_client_message, ticket, author=client_user, body="Any news?")
    [sent] = to(staff.email)
    assert "Reply-To" not in sent.extra_headers
    assert "Please answer in the helpdesk" in sent.body
    assert f"/desk/tickets/{ticket.pk}/" in sent.body
