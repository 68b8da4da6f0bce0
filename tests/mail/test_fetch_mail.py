"""`fetch_mail` against a real Dovecot: mail placed by IMAP APPEND is imported once, and the
server folder shows where each message went (moved, not lost)."""

import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from helpdesk.mail import fetching
from helpdesk.mail.models import Mailbox, ReceivedMail, UnmatchedMail
from helpdesk.tickets.models import Ticket
from tests.mail.conftest import eml

pytestmark = pytest.mark.django_db


def numbered(n: int) -> bytes:
    return (
        f"From: ann@acme.example\r\nTo: support@hostco.example\r\nSubject: Problem {n}\r\n"
        f"Message-ID: <problem-{n}@acme.example>\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"\r\nProblem number {n}.\r\n"
    ).encode()


def test_imap_mail_becomes_tickets_and_moves_to_the_done_folder(dovecot, fetched_box, ann):
    box = fetched_box()
    dovecot.append(box.login, eml("plain.eml"))
    dovecot.append(box.login, eml("attachment.eml"))
    call_command("fetch_mail")
    assert sorted(Ticket.objects.values_list("subject", flat=True)) == [
        "Invoice", "Site is down"
    ]  # fmt: skip
    assert all(Ticket.objects.values_list("from_gate", flat=True))
    assert dovecot.messages(box.login) == []
    moved = dovecot.messages(box.login, "Imported")
    assert sorted(moved) == sorted([eml("plain.eml"), eml("attachment.eml")])
    box.refresh_from_db()
    assert box.last_fetch_at is not None and box.last_error == ""


def test_loops_bounces_and_duplicates_create_nothing_and_leave_the_inbox(dovecot, fetched_box, ann):
    box = fetched_box()
    for name in ["plain.eml", "plain.eml", "bounce.eml", "autoreply.eml"]:
        dovecot.append(box.login, eml(name))
    call_command("fetch_mail")
    assert Ticket.objects.count() == 1
    assert not UnmatchedMail.objects.exists()
    assert dovecot.messages(box.login) == []
    assert len(dovecot.messages(box.login, "Imported")) == 4


def test_a_mail_that_fails_goes_to_the_error_folder_with_the_reason_logged(
    dovecot, fetched_box, ann, monkeypatch, caplog
):
    box = fetched_box()
    dovecot.append(box.login, numbered(1))
    dovecot.append(box.login, numbered(2))
    real_post = fetching.incoming.post

    def post(mailbox, message, raw, user, ticket):
        if "Problem 1" in str(message["Subject"]):
            raise RuntimeError("disk full")
        return real_post(mailbox, message, raw, user, ticket)

    monkeypatch.setattr(fetching.incoming, "post", post)
    with caplog.at_level(logging.ERROR, logger="helpdesk.mail.fetching"):
        call_command("fetch_mail")
    assert list(Ticket.objects.values_list("subject", flat=True)) == ["Problem 2"]
    assert dovecot.messages(box.login, "Failed") == [numbered(1)]
    assert dovecot.messages(box.login, "Imported") == [numbered(2)]
    assert dovecot.messages(box.login) == []
    assert "disk full" in caplog.text and "Failed" in caplog.text
    assert not ReceivedMail.objects.filter(message_id="<problem-1@acme.example>").exists()


def test_a_crash_mid_fetch_loses_and_doubles_nothing(dovecot, fetched_box, ann, monkeypatch):
    """The first message is imported, then the connection dies before it is moved."""
    box = fetched_box()
    for n in (1, 2, 3):
        dovecot.append(box.login, numbered(n))

    def die(self, uid):
        raise ConnectionResetError("connection lost")

    monkeypatch.setattr(fetching.ImapServer, "done", die)
    with pytest.raises(CommandError):
        call_command("fetch_mail")
    assert list(Ticket.objects.values_list("subject", flat=True)) == ["Problem 1"]
    assert len(dovecot.messages(box.login)) == 3  # nothing left the inbox
    box.refresh_from_db()
    assert "connection lost" in box.last_error

    monkeypatch.undo()
    call_command("fetch_mail")
    subjects = sorted(Ticket.objects.values_list("subject", flat=True))
    assert subjects == ["Problem 1", "Problem 2", "Problem 3"]  # none twice
    assert dovecot.messages(box.login) == []
    assert sorted(dovecot.messages(box.login, "Imported")) == [numbered(n) for n in (1, 2, 3)]


def test_delete_after_import_removes_the_mail_from_the_server(dovecot, fetched_box, ann):
    box = fetched_box(after_fetch=Mailbox.AfterFetch.DELETE)
    dovecot.append(box.login, eml("plain.eml"))
    call_command("fetch_mail")
    assert Ticket.objects.count() == 1
    assert dovecot.messages(box.login) == []
    assert dovecot.messages(box.login, "Imported") == []


def test_pop3_mail_becomes_tickets_and_is_deleted(dovecot, fetched_box, ann):
    box = fetched_box(Mailbox.Method.POP3)
    dovecot.append(box.login, numbered(1))
    dovecot.append(box.login, eml("latin1.eml"))
    call_command("fetch_mail")
    assert sorted(Ticket.objects.values_list("subject", flat=True)) == ["Café down", "Problem 1"]
    assert dovecot.messages(box.login) == []


def test_a_pop3_run_that_dies_leaves_everything_on_the_server(
    dovecot, fetched_box, ann, monkeypatch
):
    """POP3 deletes at QUIT: a run that dies after the first import quits nothing."""
    box = fetched_box(Mailbox.Method.POP3)
    dovecot.append(box.login, numbered(1))
    dovecot.append(box.login, numbered(2))
    real_read, reads = fetching.Pop3Server.read, []

    def read(self, number):
        reads.append(number)
        if len(reads) == 2:
            raise ConnectionResetError("connection lost")
        return real_read(self, number)

    monkeypatch.setattr(fetching.Pop3Server, "read", read)
    with pytest.raises(CommandError):
        call_command("fetch_mail")
    assert Ticket.objects.count() == 1
    assert len(dovecot.messages(box.login)) == 2
    monkeypatch.undo()
    call_command("fetch_mail")
    assert sorted(Ticket.objects.values_list("subject", flat=True)) == ["Problem 1", "Problem 2"]
    assert dovecot.messages(box.login) == []


def test_a_wrong_password_is_reported_and_touches_nothing(dovecot, fetched_box, ann):
    box = fetched_box()
    dovecot.append(box.login, eml("plain.eml"))
    box.set_password("wrong")
    box.save()
    with pytest.raises(CommandError):
        call_command("fetch_mail")
    box.refresh_from_db()
    assert "AUTHENTICATIONFAILED" in box.last_error or "Authentication failed" in box.last_error
    assert not Ticket.objects.exists()
    assert dovecot.messages(box.login) == [eml("plain.eml")]


def test_the_periodic_maintenance_fetches_every_enabled_mailbox(dovecot, fetched_box, ann):
    box = fetched_box()
    off = fetched_box(address="sales@hostco.example", enabled=False)
    dovecot.append(box.login, numbered(1))
    dovecot.append(off.login, numbered(2))
    call_command("helpdesk_maintenance")  # the task backend of the tests runs it at once
    assert list(Ticket.objects.values_list("subject", flat=True)) == ["Problem 1"]
    assert len(dovecot.messages(off.login)) == 1


def test_a_mailbox_being_fetched_is_not_fetched_twice_at_once(dovecot, fetched_box, ann):
    box = fetched_box()
    dovecot.append(box.login, numbered(1))
    assert fetching.take_lease(box)
    assert fetching.fetch_mailbox(box) == 0  # another run holds it
    assert not Ticket.objects.exists()
