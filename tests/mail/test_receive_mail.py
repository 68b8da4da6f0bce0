"""Mail piped in by the MTA (`receive_mail`) becomes tickets, replies or Unmatched mail."""

import pytest
from django.core.management.base import CommandError

from helpdesk.mail import tokens
from helpdesk.mail.models import BlockedSender, UnmatchedMail
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.mail.conftest import eml

pytestmark = pytest.mark.django_db


def reply(ticket_id, body, *, to="support@hostco.example", subject=None, mid="r1"):
    subject = subject or f"Re: [#{ticket_id}] Site is down"
    return (
        f"From: ann@acme.example\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Message-ID: <{mid}@acme.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}"
    ).encode()


def test_a_mail_from_a_client_user_opens_a_ticket_as_that_user(pipe, ann, tech):
    assert pipe(eml("plain.eml")) == "ticket"
    ticket = Ticket.objects.get()
    assert (ticket.client, ticket.created_by, ticket.department) == (ann.client, ann, tech)
    assert ticket.subject == "Site is down"
    assert ticket.from_gate
    assert ticket.messages.get().body == "My site returns 502 since this morning."


def test_the_same_message_id_twice_is_stored_once(pipe, ann):
    assert pipe(eml("plain.eml")) == "ticket"
    assert pipe(eml("plain.eml")) == "duplicate"
    assert Ticket.objects.count() == 1


def test_a_non_utf8_charset_is_decoded(pipe, ann):
    pipe(eml("latin1.eml"))
    ticket = Ticket.objects.get()
    assert ticket.subject == "Café down"
    assert ticket.messages.get().body == "Le café ne répond plus."


def test_html_only_mail_becomes_text_without_markup_or_scripts(pipe, ann):
    pipe(eml("html.eml"))
    body = Ticket.objects.get().messages.get().body
    assert "Hello support" in body and "Second line" in body
    assert "<" not in body and "alert" not in body


def test_attachments_go_through_the_upload_checks(pipe, ann):
    pipe(eml("attachment.eml"))
    attachment = Ticket.objects.get().messages.get().attachments.get()
    assert attachment.name == "error.log"
    assert attachment.file.read().replace(b"\r\n", b"\n") == b"line one\nline two"


@pytest.mark.parametrize("name", ["bounce.eml", "autoreply.eml"])
def test_bounces_and_auto_replies_create_nothing(pipe, ann, name):
    assert pipe(eml(name)) == "ignored"
    assert not Ticket.objects.exists()
    assert not UnmatchedMail.objects.exists()


def test_an_unknown_sender_is_kept_in_unmatched(pipe, client_user):
    assert pipe(eml("plain.eml")) == "unmatched"
    kept = UnmatchedMail.objects.get()
    assert (kept.sender, kept.subject, kept.reason) == (
        "ann@acme.example",
        "Site is down",
        "unknown sender",
    )
    assert bytes(kept.raw) == eml("plain.eml")
    assert not Ticket.objects.exists()


def test_a_blocked_sender_is_dropped(pipe, ann):
    BlockedSender.objects.create(address="Ann@Acme.example")
    assert pipe(eml("plain.eml")) == "dropped"
    assert not Ticket.objects.exists() and not UnmatchedMail.objects.exists()


def test_mail_over_the_senders_hourly_limit_is_parked(pipe, ann, settings):
    settings.MAIL_SENDER_MAILS_PER_HOUR = 2
    outcomes = [pipe(reply(0, "spam", subject=f"Mail {n}", mid=f"m{n}")) for n in range(3)]
    assert outcomes == ["ticket", "ticket", "unmatched"]


QUOTED = "\r\n> Restarted.\r\n"
GMAIL = "Thanks, it works now.\r\n\r\nOn Mon, 1 Dec 2026 at 10:00, Support <s@h> wrote:" + QUOTED
OUTLOOK = "Thanks, it works now.\r\n\r\n-----Original Message-----\r\nFrom: Support\r\nRestarted."
THUNDERBIRD = (
    "Thanks, it works now.\r\n-- \r\nAnn, Acme\r\n\r\nOn 01.12.26, Support wrote:" + QUOTED
)


@pytest.mark.parametrize("body", [GMAIL, OUTLOOK, THUNDERBIRD], ids=["gmail", "outlook", "tb"])
def test_a_reply_joins_its_ticket_with_quotes_cut_and_the_original_kept(pipe, ann, staff, body):
    pipe(eml("plain.eml"))
    ticket = Ticket.objects.get()
    actions.close_tickets([ticket], by=staff)
    ticket.refresh_from_db()
    assert ticket.is_closed
    assert pipe(reply(ticket.pk, body)) == "reply"
    answer = ticket.messages.filter(kind=Message.Kind.INCOMING).last()
    assert answer.body == "Thanks, it works now."
    assert [a.name for a in answer.attachments.all()] == ["original.eml"]
    ticket.refresh_from_db()
    assert not ticket.is_closed  # reopened, as a portal reply does


def test_a_signed_token_in_the_address_threads_without_the_subject(pipe, ann):
    pipe(eml("plain.eml"))
    ticket = Ticket.objects.get()
    to = tokens.reply_address("support@hostco.example", ticket.pk)
    assert pipe(reply(ticket.pk, "More info", to=to, subject="Re: something")) == "reply"
    assert Ticket.objects.count() == 1


def test_a_forged_token_is_new_mail(pipe, ann):
    pipe(eml("plain.eml"))
    ticket = Ticket.objects.get()
    to = f"support+t{ticket.pk}.AAAAAAAAAAAAAAAA@hostco.example"
    assert pipe(reply(ticket.pk, "Hi", to=to, subject="Re: something")) == "ticket"
    assert Ticket.objects.count() == 2


def test_a_subject_naming_another_clients_ticket_opens_a_new_one(pipe, ann, client2_user, tech):
    from tests.factories import TicketFactory

    foreign = TicketFactory(client=client2_user.client, department=tech)
    assert pipe(reply(foreign.pk, "Let me in")) == "ticket"
    assert not foreign.messages.filter(body="Let me in").exists()


def test_a_paid_department_refusing_parks_the_mail_with_the_reason(pipe, ann, billing):
    from helpdesk.mail.models import Mailbox

    Mailbox.objects.create(address="billing@hostco.example", department=billing)
    assert pipe(eml("plain.eml"), mailbox="billing@hostco.example") == "unmatched"
    assert not Ticket.objects.exists()
    assert UnmatchedMail.objects.get().reason


def test_the_mailbox_is_found_by_an_address_with_a_token_as_postfix_passes_it(pipe, ann):
    assert pipe(eml("plain.eml"), mailbox="Support+t1.abc@hostco.example") == "ticket"


def test_an_unknown_mailbox_is_an_error(pipe):
    with pytest.raises(CommandError):
        pipe(eml("plain.eml"), mailbox="nobody@hostco.example")


def test_a_failing_import_exits_with_the_mta_tempfail_code(pipe, ann, monkeypatch):
    from helpdesk.mail import incoming

    def crash(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(incoming, "into_ticket", crash)
    with pytest.raises(SystemExit) as exit_:
        pipe(eml("plain.eml"))
    assert exit_.value.code == 75
    assert not Ticket.objects.exists()
    monkeypatch.undo()
    assert pipe(eml("plain.eml")) == "ticket"  # nothing recorded: the retry imports it


def test_inline_images_of_an_html_mail_become_attachments(pipe, ann):
    assert pipe(eml("inline_image.eml")) == "ticket"
    message = Ticket.objects.get().messages.get()
    assert message.body == "See the screenshot."
    [image] = message.attachments.all()
    assert image.name == "inline-1.png" and image.file.read().startswith(b"\x89PNG")
