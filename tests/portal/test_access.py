"""Nobody reaches another client's tickets: every portal URL that takes an id answers 404
to them (not 403, so ids cannot be probed), and nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import URLPattern, get_resolver, reverse

from helpdesk.messages.models import Attachment, Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.portal.util import with_token


def portal_patterns_with_ids():
    resolver = get_resolver()
    portal = next(p for p in resolver.url_patterns if getattr(p, "namespace", "") == "portal")
    for pattern in portal.url_patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.pattern.converters:
            yield pattern.name, set(pattern.pattern.converters)


def snapshot():
    return (
        [model_to_dict(ticket) for ticket in Ticket.objects.order_by("pk")],
        [model_to_dict(message) for message in Message.objects.order_by("pk")],
        Attachment.objects.count(),
    )


@pytest.fixture
def acme_thread(open_ticket, staff):
    """Client's ticket with a staff reply (rateable), an attachment, and a closed twin."""
    ticket = open_ticket(files=[SimpleUploadedFile("acme.txt", b"private")])
    reply = actions.post_staff_reply(ticket, author=staff, body="Answer")
    closed = open_ticket(subject="Done")
    actions.close_tickets([closed], by=staff)
    return ticket, reply, ticket.messages.first().attachments.get(), closed


@pytest.mark.django_db
def test_client2_gets_404_for_every_portal_url_of_clients_tickets(
    client, client2_user, acme_thread
):
    ticket, reply, attachment, _closed = acme_thread
    ids = {"ticket_id": ticket.pk, "message_id": reply.pk, "attachment_id": attachment.pk}
    client.force_login(client2_user)
    before = snapshot()
    walked = []
    for name, params in portal_patterns_with_ids():
        assert params <= set(ids), f"{name} takes an id this test does not know: {params}"
        url = reverse(f"portal:{name}", kwargs={param: ids[param] for param in params})
        post = with_token({"message": "intruder", "rating": "bad"})
        assert client.get(url).status_code == 404, url
        assert client.post(url, post).status_code == 404, url
        walked.append(name)
    assert set(walked) >= {"ticket_detail", "ticket_reply", "message_rate", "ticket_file"}
    assert snapshot() == before


@pytest.mark.django_db
def test_client2_cannot_archive_clients_ticket(client, client2_user, acme_thread):
    *_, closed = acme_thread
    client.force_login(client2_user)
    page = client.post(
        reverse("portal:ticket_archive"), with_token({"ticket": closed.pk}), follow=True
    ).content.decode()
    closed.refresh_from_db()
    assert closed.status == Ticket.Status.CLOSED
    assert f"#{closed.pk} was not found" in page


@pytest.mark.django_db
def test_a_message_of_another_ticket_is_404_under_this_one(as_client, acme_thread, open_ticket):
    _ticket, reply, *_ = acme_thread
    other = open_ticket(subject="Other")
    url = reverse("portal:message_rate", args=[other.pk, reply.pk])
    assert as_client.post(url, with_token({"rating": "good"})).status_code == 404
    reply.refresh_from_db()
    assert reply.rating == ""


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["staff", "root"])
def test_the_portal_is_for_clients(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("portal:ticket_list")).url == "/home/", "sent to the desk"
    assert client.get(reverse("portal:incident")).status_code == 403
    assert client.get(reverse("portal:archived_list")).status_code == 403


@pytest.mark.django_db
def test_staff_acting_as_the_client_see_and_do_what_the_client_does(
    acting_staff, acme_thread, client_user
):
    ticket, reply, *_ = acme_thread
    listing = acting_staff.get(reverse("portal:ticket_list")).content.decode()
    assert 'data-testid="su-banner"' in listing
    assert f"#{ticket.pk}" in listing
    page = acting_staff.get(reverse("portal:ticket_detail", args=[ticket.pk])).content.decode()
    assert "Answer" in page
    assert acting_staff.get(reverse("portal:ticket_new")).status_code == 200
    url = reverse("portal:ticket_reply", args=[ticket.pk])
    acting_staff.post(url, with_token({"message": "Written by support for the client"}))
    written = ticket.messages.get(body="Written by support for the client")
    assert written.author == client_user
    assert written.kind == Message.Kind.INCOMING


@pytest.mark.django_db
def test_acting_staff_reach_only_the_clients_tickets_of_their_departments(
    acting_staff, open_ticket, sales, tech
):
    """staff works Technical support: acting as Acme gives no way into Acme's Sales."""
    tech_ticket = open_ticket()
    sales_ticket = open_ticket(subject="Upgrade plan", department=sales)
    listing = acting_staff.get(reverse("portal:ticket_list")).content.decode()
    assert f'data-ticket="{tech_ticket.pk}"' in listing
    assert f'data-ticket="{sales_ticket.pk}"' not in listing
    detail = reverse("portal:ticket_detail", args=[sales_ticket.pk])
    assert acting_staff.get(detail).status_code == 404
    reply = reverse("portal:ticket_reply", args=[sales_ticket.pk])
    assert acting_staff.post(reply, with_token({"message": "not mine"})).status_code == 404
    assert sales_ticket.messages.count() == 1
    new_form = acting_staff.get(reverse("portal:ticket_new")).content.decode()
    assert f'<option value="{tech.pk}" data-provider' in new_form
    assert f'<option value="{sales.pk}" data-provider' not in new_form
