"""Mail to the abuse mailbox: a complaint (usually from someone who is not our client) is
kept in Unmatched mail until staff name the client it is about and open the case; a client
answering their case by mail goes straight into its ticket."""

from datetime import timedelta

import pytest
from django.utils import timezone

from helpdesk.mail.models import Mailbox, UnmatchedMail
from helpdesk.messages.models import Message
from helpdesk.violations.models import Violation
from tests.desk.conftest import once

pytestmark = pytest.mark.django_db
DEADLINE = timezone.localtime() + timedelta(days=2)


@pytest.fixture
def abuse_box(tech):
    return Mailbox.objects.create(address="abuse@hostco.example", department=tech, is_abuse=True)


def complaint(sender="noc@victim.example", subject="Spam from 203.0.113.7", mid="c1"):
    return (
        f"From: {sender}\r\nTo: abuse@hostco.example\r\nSubject: {subject}\r\n"
        f"Message-ID: <{mid}@victim.example>\r\nContent-Type: text/plain\r\n\r\n"
        "Your customer at 203.0.113.7 sends us spam.\r\n"
    ).encode()


def test_a_complaint_is_kept_for_staff_whoever_sent_it(pipe, abuse_box, ann):
    assert pipe(complaint(), mailbox=abuse_box.address) == "unmatched"
    assert pipe(complaint(sender=ann.email, mid="c2"), mailbox=abuse_box.address) == "unmatched"
    assert list(UnmatchedMail.objects.values_list("reason", flat=True)) == ["abuse report"] * 2
    assert not Violation.objects.exists()


def test_staff_open_the_case_from_the_complaint(client, pipe, abuse_box, staff, acme):
    pipe(complaint(), mailbox=abuse_box.address)
    kept = UnmatchedMail.objects.get()
    client.force_login(staff)
    listing = client.get("/desk/mail/unmatched/").content.decode()
    assert f"/desk/mail/unmatched/{kept.pk}/abuse/" in listing
    form = client.get(f"/desk/mail/unmatched/{kept.pk}/abuse/").content.decode()
    assert "Spam from 203.0.113.7" in form and "&gt; Your customer at 203.0.113.7" in form

    response = client.post(f"/desk/mail/unmatched/{kept.pk}/abuse/", once(
        client=str(acme.pk), department=str(abuse_box.department_id),
        subject="Spam from your server", score="3", score_note="", action="forward",
        client_message="A complaint says your server sends spam. Please explain.",
        deadline_date=DEADLINE.date().isoformat(), deadline_time=DEADLINE.strftime("%H:%M"),
    ))  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:1500]
    case = Violation.objects.get()
    assert case.ticket.client == acme
    note = case.ticket.messages.get(kind=Message.Kind.NOTE)
    assert "noc@victim.example" in note.body and "sends us spam" in note.body
    assert [each.name for each in note.attachments.all()] == ["original.eml"]
    assert not UnmatchedMail.objects.exists()


def test_a_client_answering_their_case_by_mail_joins_its_ticket(pipe, abuse_box, ann, staff):
    from helpdesk.violations import actions as violation_actions

    case = violation_actions.open_abuse_case(
        ann.client, by=staff, subject="Spam from your server", message="Explain, please.",
        department=abuse_box.department, score=1, deadline=DEADLINE,
    )  # fmt: skip
    answer = complaint(sender=ann.email, subject=f"Re: [#{case.ticket_id}] Spam", mid="a1")
    assert pipe(answer, mailbox=abuse_box.address) == "reply"
    case.refresh_from_db()
    assert case.ticket.messages.filter(kind=Message.Kind.INCOMING, from_gate=True).exists()
    assert case.status == Violation.Status.ANSWERED  # the clock stopped, as in the portal
