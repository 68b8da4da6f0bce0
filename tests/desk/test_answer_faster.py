"""Reply templates on the ticket page, the group reply from the lists, the holder's
Release — through HTTP as staff use them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import TicketEvent
from tests.desk.conftest import once
from tests.factories import DepartmentFactory, ReplyTemplateFactory, TicketFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Hello {user.first_name} of {client.name}, #{ticket.id} ({department.name}) — "
    "{staff.first_name}"
)


def replies_of(ticket):
    return list(ticket.messages.filter(kind=Message.Kind.OUTCOMING).values_list("body", flat=True))


def test_render_fills_the_variables_for_the_ticket(desk, ticket, staff, client_user):
    template = ReplyTemplateFactory(owner=staff, scope="personal", body=BODY + " {x.y}")
    response = desk.get(f"/desk/replies/{template.pk}/render/{ticket.pk}/")
    expected = (
        f"Hello {client_user.first_name} of Acme Hosting, #{ticket.pk} (Technical support) — Sam"
    )
    assert response.json()["text"] == expected + " {x.y}"


def test_the_picker_lists_only_templates_for_this_ticket(desk, ticket, staff, staff2, sales):
    ReplyTemplateFactory(name="For all", scope="common")
    ReplyTemplateFactory(name="Sales only", scope="department", department=sales)
    ReplyTemplateFactory(name="Sue's own", owner=staff2, scope="personal")
    page = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert 'value="For all"' in page
    assert "Sales only" not in page and "Sue" not in page


def test_another_departments_template_or_ticket_is_404(desk, ticket, staff, sales, open_ticket):
    foreign = ReplyTemplateFactory(scope="department", department=sales)
    assert desk.get(f"/desk/replies/{foreign.pk}/render/{ticket.pk}/").status_code == 404
    mine = ReplyTemplateFactory(owner=staff, scope="personal")
    elsewhere = TicketFactory(department=DepartmentFactory())
    assert desk.get(f"/desk/replies/{mine.pk}/render/{elsewhere.pk}/").status_code == 404


def test_group_reply_sends_one_filled_message_per_ticket(desk, many_tickets, staff):
    tickets = many_tickets(3)
    response = desk.post(
        "/desk/group-reply/",
        once(elid=[t.pk for t in tickets], group_message="About #{ticket.id}: fixed."),
        follow=True,
    )
    assert "Replied to 3 tickets" in response.content.decode()
    for ticket in tickets:
        assert replies_of(ticket) == [f"About #{ticket.pk}: fixed."]
        ticket.refresh_from_db()
        assert ticket.status == ticket.Status.AWAITING_RESPONSE


def test_group_reply_and_close(desk, many_tickets):
    tickets = many_tickets(2)
    desk.post(
        "/desk/group-reply/",
        once(elid=[t.pk for t in tickets], group_message="Done.", group_close="1"),
    )
    for ticket in tickets:
        ticket.refresh_from_db()
        assert ticket.is_closed


def test_group_reply_refuses_an_unknown_variable_and_sends_nothing(desk, many_tickets):
    tickets = many_tickets(2)
    response = desk.post(
        "/desk/group-reply/", once(elid=[t.pk for t in tickets], group_message="{ticket.x}"),
        follow=True,
    )  # fmt: skip
    assert "Unknown variables: ticket.x" in response.content.decode()
    assert all(replies_of(ticket) == [] for ticket in tickets)


def test_group_reply_reports_refused_tickets_and_sends_the_rest(desk, many_tickets):
    tickets = many_tickets(2)
    response = desk.post(
        "/desk/group-reply/", once(elid=[t.pk for t in tickets], group_message="  "), follow=True
    )
    page = response.content.decode()
    assert "Refused:" in page and f"#{tickets[0].pk}: Write a message." in page
    assert all(replies_of(ticket) == [] for ticket in tickets)


def test_group_reply_skips_tickets_outside_the_staff_members_reach(desk, ticket, open_ticket):
    foreign = TicketFactory(department=DepartmentFactory())
    desk.post("/desk/group-reply/", once(elid=[ticket.pk, foreign.pk], group_message="Hi"))
    assert replies_of(ticket) == ["Hi"]
    assert replies_of(foreign) == []


def test_group_reply_queries_do_not_grow_per_ticket_beyond_the_action(desk, many_tickets):
    def queries_for(count):
        tickets = many_tickets(count)
        with CaptureQueriesContext(connection) as captured:
            desk.post("/desk/group-reply/", once(elid=[t.pk for t in tickets], group_message="x"))
        return len(captured)

    per_ticket = (queries_for(4) - queries_for(2)) / 2
    assert per_ticket == (queries_for(3) - queries_for(2))


def test_the_holder_sees_the_block_and_releases_it(desk, ticket, staff):
    actions.open_for_staff(ticket, user=staff)
    page = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "You hold this ticket until" in page and 'data-testid="held-banner"' in page
    desk.post(f"/desk/tickets/{ticket.pk}/release/", once())
    ticket.refresh_from_db()
    assert ticket.blocked_by is None
    assert TicketEvent.objects.filter(ticket=ticket, kind="block_released").exists()


def test_release_leaves_a_colleagues_block(desk, ticket, staff, root):
    actions.open_for_staff(ticket, user=root)
    desk.post(f"/desk/tickets/{ticket.pk}/release/", once())
    ticket.refresh_from_db()
    assert ticket.blocked_by == root
