"""Changing many tickets at once from the lists: assign, priority, raise/lower, note —
each ticket through the same action as on its page, a summary of what was done and what
was refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpdesk.messages.models import Message
from helpdesk.tickets.models import Ticket, TicketEvent
from tests.desk.conftest import once
from tests.factories import DepartmentFactory, TicketFactory

pytestmark = pytest.mark.django_db


def group(desk, path, tickets, **data):
    return desk.post(
        f"/desk/{path}/", once(elid=[t.pk for t in tickets], next="/desk/", **data), follow=True
    )


def flashes(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_move_to_a_department(desk, many_tickets, sales):
    tickets = many_tickets(2)
    response = group(
        desk, "group-update", tickets, group_op="department", group_department=sales.pk
    )
    assert "Changed 2 tickets" in flashes(response)
    assert set(Ticket.objects.values_list("department", flat=True)) == {sales.pk}
    assert TicketEvent.objects.filter(kind="changed").count() == 2


def test_assign_refuses_tickets_of_a_department_the_staff_member_is_not_in(
    desk, many_tickets, staff, root, sales, tech
):
    """root sees both departments; Sam is a member of Technical support only."""
    desk.force_login(root)
    tech_ticket = many_tickets(1)[0]
    sales_ticket = TicketFactory(department=sales)
    response = group(desk, "group-update", [tech_ticket, sales_ticket],
                     group_op="responsible", group_responsible=staff.pk)  # fmt: skip
    text = flashes(response)
    assert f"Changed 1 ticket: #{tech_ticket.pk}." in text
    assert f"#{sales_ticket.pk}: Sam Staff is not a member of the ticket's department." in text
    assert Ticket.objects.get(pk=tech_ticket.pk).responsible == staff
    assert Ticket.objects.get(pk=sales_ticket.pk).responsible is None


def test_a_staff_member_outside_the_users_departments_is_no_choice(desk, many_tickets, staff2):
    tickets = many_tickets(1)
    response = group(desk, "group-update", tickets, group_op="responsible",
                     group_responsible=staff2.pk)  # fmt: skip
    assert "Choose a staff member from the list." in flashes(response)
    assert Ticket.objects.get().responsible is None


def test_set_priority_and_raise_lower(desk, many_tickets):
    tickets = many_tickets(2)
    group(desk, "group-update", tickets, group_op="priority", group_priority="2")
    assert set(Ticket.objects.values_list("priority", flat=True)) == {2}
    group(desk, "group-update", tickets, group_op="raise")
    assert set(Ticket.objects.values_list("high_priority", "low_priority")) == {(True, False)}
    group(desk, "group-update", tickets, group_op="lower")
    assert set(Ticket.objects.values_list("high_priority", "low_priority")) == {(False, True)}
    group(desk, "group-update", tickets, group_op="normal")
    assert set(Ticket.objects.values_list("high_priority", "low_priority")) == {(False, False)}


@pytest.mark.parametrize(
    "data",
    [
        {"group_op": "priority", "group_priority": "7"},
        {"group_op": "department", "group_department": "x"},
        {"group_op": "department", "group_department": "999999999999999999999"},
        {"group_op": "explode"},
        {},
    ],
)
def test_bad_input_changes_nothing(desk, many_tickets, data):
    tickets = many_tickets(2)
    before = list(Ticket.objects.values_list("priority", "department", "high_priority"))
    response = group(desk, "group-update", tickets, **data)
    assert response.status_code == 200 and "Refused" not in flashes(response)
    assert list(Ticket.objects.values_list("priority", "department", "high_priority")) == before
    assert not TicketEvent.objects.filter(kind="changed").exists()


def test_a_note_on_each_ticked_ticket(desk, many_tickets):
    tickets = many_tickets(3)
    response = group(desk, "group-note", tickets, group_note="Outage #42 — see the status page")
    assert "Changed 3 tickets" in flashes(response)
    notes = Message.objects.filter(kind=Message.Kind.NOTE)
    assert sorted(notes.values_list("ticket", flat=True)) == sorted(t.pk for t in tickets)


def test_an_empty_note_is_refused_and_nothing_is_written(desk, many_tickets):
    response = group(desk, "group-note", many_tickets(2), group_note="   ")
    assert "Write a message." in flashes(response)
    assert not Message.objects.filter(kind=Message.Kind.NOTE).exists()


def test_another_departments_ticket_is_not_touched(desk, many_tickets):
    foreign = TicketFactory(department=DepartmentFactory())
    group(desk, "group-update", [foreign, *many_tickets(1)], group_op="raise")
    assert Ticket.objects.get(pk=foreign.pk).high_priority is False


def test_group_update_queries_grow_only_by_the_action_per_ticket(desk, many_tickets):
    def queries_for(count):
        tickets = many_tickets(count)
        with CaptureQueriesContext(connection) as captured:
            desk.post("/desk/group-update/", once(elid=[t.pk for t in tickets], group_op="raise"))
        return len(captured)

    assert queries_for(4) - queries_for(2) == 2 * (queries_for(3) - queries_for(2))


def test_the_lists_offer_the_group_actions_and_the_keys(desk, many_tickets):
    many_tickets(1)
    html = desk.get("/desk/").content.decode()
    for needle in ('value="raise"', 'name="group_note"', 'name="group_responsible"',
                   'data-tick-count', 'id="keys-help"', "<kbd>j</kbd>"):  # fmt: skip
        assert needle in html, needle
