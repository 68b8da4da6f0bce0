"""The whole channel, both directions, on real servers: a client writes from a mail program
to the department's address (delivered into Dovecot), `fetch_mail` opens the ticket, the
notification arrives over SMTP with a working link, the client answers it from the mail
program, and staff's answer in the desk reaches the client threaded under the subject."""

import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import make_msgid

import pytest
from django.core.management import call_command
from django.test import Client as Browser

from helpdesk.mail import tokens
from helpdesk.messages.models import Message
from helpdesk.tickets.models import Ticket
from tests.desk.conftest import once

LINK = re.compile(r"http://testserver(/\S+/)")


def parsed(smtp_server, to) -> list:
    mails = [
        BytesParser(policy=policy.default).parsebytes(m.as_bytes()) for m in smtp_server.received
    ]
    return [mail for mail in mails if to in mail["To"]]


def written(*, to, subject, body, **headers) -> bytes:
    """A mail as Ann's mail program writes it."""
    mail = EmailMessage()
    mail["From"] = "Ann Example <ann@acme.example>"
    mail["To"], mail["Subject"] = to, subject
    mail["Message-ID"] = make_msgid(domain="acme.example")
    mail["Date"] = "Mon, 07 Dec 2026 10:00:00 +0000"
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    return mail.as_bytes()


def parts(mail) -> tuple[str, str]:
    return mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()


def quoting(mail, text) -> str:
    """Ann's answer above the quoted mail, as Thunderbird lays it out."""
    plain, _html = parts(mail)
    quoted = "\n".join(f"> {line}" for line in plain.splitlines())
    return f"{text}\n\nOn 07.12.2026 10:05, Support wrote:\n{quoted}\n"


@pytest.mark.django_db(transaction=True)
def test_a_client_writes_by_mail_answers_by_mail_and_gets_staffs_answer_threaded(
    dovecot, fetched_box, outgoing_smtp, ann, staff, settings
):
    settings.SITE_URL = "http://testserver"
    staff.email = "staff@hostco.example"
    staff.save()
    box = fetched_box()

    # Ann writes from her mail program to the department's address.
    first = written(to="support@hostco.example", subject="Site is down",
                    body="My site returns 502 since this morning.")  # fmt: skip
    first_id = BytesParser(policy=policy.default).parsebytes(first)["Message-ID"]
    dovecot.append(box.login, first)
    call_command("fetch_mail")
    ticket = Ticket.objects.get()
    assert (ticket.created_by, ticket.from_gate, ticket.subject) == (ann, True, "Site is down")

    # She gets the confirmation: both parts, the link, our threading headers, our Reply-To.
    [receipt] = parsed(outgoing_smtp, "ann@acme.example")
    assert receipt["Subject"] == f"Re: [#{ticket.pk}] Site is down"
    assert receipt["In-Reply-To"] == first_id
    assert first_id in receipt["References"]
    assert receipt["Auto-Submitted"] == "auto-generated"
    assert tokens.ticket_id_in(receipt["Reply-To"]) == ticket.pk
    plain, html = parts(receipt)
    assert "My site returns 502 since this morning." in plain
    link = LINK.search(plain)[1]
    assert link == f"/tickets/{ticket.pk}/" and f'href="http://testserver{link}"' in html

    # The link works once she is logged in.
    browser = Browser()
    assert browser.get(link).status_code == 302  # to the login page first
    browser.force_login(ann)
    page = browser.get(link)
    assert page.status_code == 200
    assert "My site returns 502 since this morning." in page.content.decode()

    # Staff of the department heard of the new ticket, with a link into the desk.
    [to_staff] = parsed(outgoing_smtp, "staff@hostco.example")
    assert f"http://testserver/desk/tickets/{ticket.pk}/" in parts(to_staff)[0]

    # Ann answers the confirmation from her mail program, quoting it.
    answer = written(
        to=receipt["Reply-To"], subject=f"Re: {receipt['Subject']}",
        body=quoting(receipt, "It is still down after your restart."),
        In_Reply_To=receipt["Message-ID"],
        References=f"{receipt['References']} {receipt['Message-ID']}",
    )  # fmt: skip
    answer_id = BytesParser(policy=policy.default).parsebytes(answer)["Message-ID"]
    dovecot.append(box.login, answer)
    call_command("fetch_mail")
    assert Ticket.objects.count() == 1
    latest = ticket.messages.filter(kind=Message.Kind.INCOMING).order_by("pk").last()
    assert latest.body == "It is still down after your restart."
    assert latest.from_gate
    assert "original.eml" in [each.name for each in latest.attachments.all()]

    # Staff answer in the desk; Ann receives it threaded under the same subject.
    desk = Browser()
    desk.force_login(staff)
    response = desk.post(f"/desk/tickets/{ticket.pk}/reply/",
                         once(message="Restarted **php-fpm**; it is up."))  # fmt: skip
    assert response.status_code == 302
    staff_answer = parsed(outgoing_smtp, "ann@acme.example")[-1]
    assert staff_answer["Subject"] == receipt["Subject"]
    assert staff_answer["In-Reply-To"] == answer_id
    assert first_id in staff_answer["References"]
    assert staff_answer["Auto-Submitted"] is None  # a person wrote it
    plain, html = parts(staff_answer)
    assert "Restarted **php-fpm**; it is up." in plain
    assert "<strong>php-fpm</strong>" in html
    assert f"http://testserver/tickets/{ticket.pk}/" in plain

    # Her reply to that, by In-Reply-To alone (no token, no [#id]), lands on the ticket too.
    thanks = written(
        to="support@hostco.example",
        subject="Re: Site is down",
        body="Works now, thank you.",
        In_Reply_To=staff_answer["Message-ID"],
    )
    dovecot.append(box.login, thanks)
    call_command("fetch_mail")
    assert Ticket.objects.count() == 1
    assert ticket.messages.filter(body="Works now, thank you.", from_gate=True).exists()

    # Every mail left the inbox for the done folder; none was lost.
    assert dovecot.messages(box.login) == []
    assert len(dovecot.messages(box.login, "Imported")) == 3
