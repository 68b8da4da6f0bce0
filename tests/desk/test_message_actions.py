"""Edit, hide and split from the ticket page's messages."""

import re

import pytest

from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.desk.conftest import once

pytestmark = pytest.mark.django_db


def first_message(ticket):
    return ticket.messages.order_by("id").first()


def test_edit_keeps_the_previous_text(desk, ticket):
    message = first_message(ticket)
    url = f"/desk/tickets/{ticket.pk}/messages/{message.pk}/edit/"
    form = desk.get(url)
    assert form.status_code == 200
    assert "My site returns **502**.</textarea>" in form.content.decode()
    response = desk.post(url, once(message="My site returns **503**."))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#m{message.pk}")
    message.refresh_from_db()
    assert message.body == "My site returns **503**." and message.edited_at
    assert list(message.revisions.values_list("body", flat=True)) == ["My site returns **502**."]
    html = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "1 earlier version" in html and "My site returns **502**." in html


def test_empty_edit_is_refused_and_keeps_the_message(desk, ticket):
    message = first_message(ticket)
    url = f"/desk/tickets/{ticket.pk}/messages/{message.pk}/edit/"
    response = desk.post(url, once(message="  "))
    assert response.status_code == 400
    message.refresh_from_db()
    assert message.body == "My site returns **502**."


def test_system_messages_cannot_be_edited_or_hidden(desk, ticket, client_user, staff):
    actions.close_tickets([ticket], by=staff)
    actions.archive_tickets([ticket], by=client_user)
    system = ticket.messages.get(kind=Message.Kind.SYSTEM)
    base = f"/desk/tickets/{ticket.pk}/messages/{system.pk}"
    assert desk.get(f"{base}/edit/").status_code == 403
    assert desk.post(f"{base}/hide/", once(hidden="1")).status_code == 403


def test_hide_and_unhide(desk, ticket):
    message = first_message(ticket)
    url = f"/desk/tickets/{ticket.pk}/messages/{message.pk}/hide/"
    assert desk.post(url, once(hidden="1")).status_code == 302
    message.refresh_from_db()
    assert message.hidden
    html = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "is-hidden" in html and "hidden from the client" in html
    desk.post(url, once(hidden="0"))
    message.refresh_from_db()
    assert not message.hidden


def test_messages_of_another_ticket_are_not_found(desk, ticket, open_ticket):
    other = open_ticket(subject="Other")
    foreign = first_message(other)
    base = f"/desk/tickets/{ticket.pk}/messages/{foreign.pk}"
    assert desk.get(f"{base}/edit/").status_code == 404
    assert desk.post(f"{base}/hide/", once(hidden="1")).status_code == 404
    assert desk.get(f"{base}/split/").status_code == 404


def test_split_confirms_how_many_messages_move_then_links_both(desk, ticket, client_user, reply):
    reply(ticket, body="First answer")
    second = actions.post_client_message(ticket, author=client_user, body="Another problem")
    reply(ticket, body="About the other problem")
    url = f"/desk/tickets/{ticket.pk}/messages/{second.pk}/split/"
    confirm = desk.get(url).content.decode()
    assert "2 messages — this one and every later one — will move" in confirm
    assert f'value="{ticket.subject}"' in confirm  # the new subject starts as the old one
    chosen = {"subject": "The other problem", "department": ticket.department_id}
    response = desk.post(url, once(**chosen), follow=True)
    html = response.content.decode()
    new_ticket = Ticket.objects.exclude(pk=ticket.pk).get()
    assert response.redirect_chain[-1][0] == f"/desk/tickets/{new_ticket.pk}/"
    assert f'href="/desk/tickets/{new_ticket.pk}/">#{new_ticket.pk}</a>' in html
    assert f'href="/desk/tickets/{ticket.pk}/">#{ticket.pk}</a>' in html
    moved = new_ticket.messages.exclude(kind=Message.Kind.SYSTEM).values_list("body", flat=True)
    assert set(moved) == {"Another problem", "About the other problem"}
    assert new_ticket.subject == "The other problem"
    # Each ticket's system message links the other, on the desk and in the portal.
    assert f'&quot;<a href="/desk/tickets/{ticket.pk}/">{ticket.pk}</a>&quot;' in html
    old_page = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert f'&quot;<a href="/desk/tickets/{new_ticket.pk}/">{new_ticket.pk}</a>&quot;' in old_page


def test_split_can_send_the_new_ticket_to_another_department(desk, ticket, reply, sales, staff):
    sales.members.add(staff)
    answer = reply(ticket, body="Sales will call you")
    url = f"/desk/tickets/{ticket.pk}/messages/{answer.pk}/split/"
    assert desk.post(url, once(subject="", department=sales.pk)).status_code == 400
    desk.post(url, once(subject="Upgrade offer", department=sales.pk))
    new_ticket = Ticket.objects.exclude(pk=ticket.pk).get()
    assert (new_ticket.subject, new_ticket.department) == ("Upgrade offer", sales)


def test_split_at_the_first_message_is_refused(desk, ticket):
    message = first_message(ticket)
    chosen = {"subject": "Split", "department": ticket.department_id}
    response = desk.post(f"/desk/tickets/{ticket.pk}/messages/{message.pk}/split/", once(**chosen))
    assert response.status_code == 400
    assert "leave this ticket empty" in response.content.decode()
    assert Ticket.objects.count() == 1


def test_split_link_is_offered_on_later_messages_only(desk, ticket, reply):
    answer = reply(ticket)
    html = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    links = re.findall(r"/messages/(\d+)/split/", html)
    assert links == [str(answer.pk)]
