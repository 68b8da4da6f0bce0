"""The Unmatched mail page on the desk: who sees what, and the two ways out."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.submit_once import new_token
from helpdesk.mail.models import Mailbox, UnmatchedMail
from helpdesk.tickets.models import Ticket
from tests.mail.conftest import eml

pytestmark = pytest.mark.django_db
LIST = reverse("desk:unmatched_list")


def once(**data):
    return {"form_token": new_token(), **data}


@pytest.fixture
def parked(pipe):
    def make(count=1):
        for number in range(count):
            raw = eml("plain.eml").replace(b"plain-1@", f"plain-{number}@".encode())
            assert pipe(raw) == "unmatched"
        return UnmatchedMail.objects.order_by("pk").last()

    return make


def test_staff_see_unmatched_mail_of_their_departments_only(client, parked, staff2, sales):
    mail = parked()
    Mailbox.objects.create(address="sales@hostco.example", department=sales)
    client.force_login(staff2)
    assert mail.sender not in client.get(LIST).content.decode()


def test_staff_and_root_see_their_unmatched_mail(client, parked, staff, root):
    parked()
    for user in (staff, root):
        client.force_login(user)
        page = client.get(LIST).content.decode()
        assert "ann@acme.example" in page and "Site is down" in page


def test_a_client_cannot_open_the_page(client, client_user):
    client.force_login(client_user)
    assert client.get(LIST).status_code == 403


def test_unmatched_mail_becomes_a_ticket_of_the_chosen_client(client, parked, staff, acme):
    mail = parked()
    client.force_login(staff)
    url = reverse("desk:unmatched_attach", args=[mail.pk])
    assert client.post(url, once(client=str(acme.pk))).status_code == 302
    ticket = Ticket.objects.get()
    assert (ticket.client, ticket.subject, ticket.from_gate) == (acme, "Site is down", True)
    message = ticket.messages.get()
    assert message.body == "My site returns 502 since this morning."
    assert [a.name for a in message.attachments.all()] == ["original.eml"]
    assert not UnmatchedMail.objects.exists()


@pytest.mark.parametrize("given", ["", "abc", "0", "99999999999999999999999", "424242"])
def test_a_bad_client_number_changes_nothing(client, parked, staff, given):
    mail = parked()
    client.force_login(staff)
    url = reverse("desk:unmatched_attach", args=[mail.pk])
    answer = client.post(url, once(client=given))
    assert answer.status_code == 400
    assert "Give the number of an existing client." in answer.content.decode()
    assert not Ticket.objects.exists() and UnmatchedMail.objects.count() == 1


def test_discarding_removes_the_mail(client, parked, staff):
    mail = parked()
    client.force_login(staff)
    assert client.post(reverse("desk:unmatched_discard", args=[mail.pk]), once()).status_code == 302
    assert not UnmatchedMail.objects.exists()


def test_staff_cannot_handle_another_departments_mail(client, parked, staff2, acme):
    mail = parked()
    client.force_login(staff2)
    for name, data in (("unmatched_discard", {}), ("unmatched_attach", {"client": acme.pk})):
        assert client.post(reverse(f"desk:{name}", args=[mail.pk]), once(**data)).status_code == 400
    assert UnmatchedMail.objects.count() == 1


def test_the_list_costs_the_same_queries_for_5_and_50_mails(client, support, staff):
    client.force_login(staff)
    counts = []
    for total in (5, 50):
        UnmatchedMail.objects.all().delete()
        UnmatchedMail.objects.bulk_create(
            UnmatchedMail(mailbox=support, sender=f"s{n}@x.example", body="Hi", raw=b"", reason="r")
            for n in range(total)
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_list_pages_newest_first_by_the_next_and_previous_links(client, support, staff):
    """Bulk-created mail shares one arrival time: the pages are cut by time, then number."""
    client.force_login(staff)
    UnmatchedMail.objects.bulk_create(
        UnmatchedMail(mailbox=support, sender=f"s{n}@x.example", body="Hi", raw=b"", reason="r")
        for n in range(53)
    )
    newest_first = list(UnmatchedMail.objects.values_list("pk", flat=True))

    def shown(url):
        html = client.get(url).content.decode()
        ids = [int(pk) for pk in re.findall(r"/desk/mail/unmatched/(\d+)/discard/", html)]
        links = dict(re.findall(r'<a href="([^"]+)" rel="(next|prev)"', html))
        return ids, {rel: unescape(href) for href, rel in links.items()}

    first, links = shown(LIST)
    assert first == newest_first[:50]
    second, links = shown(LIST + links["next"])
    assert second == newest_first[50:]
    assert "next" not in links
    back, _links = shown(LIST + links["prev"])
    assert back == newest_first[:50]
