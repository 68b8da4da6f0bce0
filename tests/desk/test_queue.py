"""The queue, all tickets and favorites lists of the desk, through HTTP."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpdesk.favorites.models import Favorite
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.factories import ClientFactory, TicketFactory

pytestmark = pytest.mark.django_db


def row_ids(response) -> list[int]:
    return [int(found) for found in re.findall(r'data-ticket="(\d+)"', response.content.decode())]


def test_queue_shows_the_columns_of_a_ticket(desk, ticket):
    response = desk.get("/desk/")
    html = response.content.decode()
    assert response.status_code == 200
    assert row_ids(response) == [ticket.pk]
    assert "Website is down" in html
    assert "Acme Hosting" in html
    assert re.search(r"\d+d\+\d\d:\d\d", html), "the delay column"
    assert "Technical support" in html and "HostCo" in html
    assert 'title="Unread client messages"' in html


def test_queue_lists_only_visible_open_tickets(desk, ticket, open_ticket, sales):
    other_department = open_ticket(subject="Sales question", department=sales)
    closed = open_ticket(subject="Done")
    actions.close_tickets([closed], by=closed.created_by)
    ids = row_ids(desk.get("/desk/"))
    assert ticket.pk in ids
    assert other_department.pk not in ids
    assert closed.pk not in ids
    all_tickets = desk.get("/desk/all/")
    assert closed.pk in row_ids(all_tickets)
    assert '<span class="status status-3">Closed</span>' in all_tickets.content.decode()


def test_clients_cannot_enter_the_desk(client, client_user):
    client.force_login(client_user)
    assert client.get("/desk/").url == "/home/", "the front page sends them to their own area"
    assert client.get("/desk/all/").status_code == 403


def test_queue_is_sorted_by_weight_and_other_columns_on_request(desk, open_ticket, staff):
    light = open_ticket(subject="B light")
    heavy = open_ticket(subject="A heavy")
    actions.update_ticket(heavy, by=staff, high_priority=True)
    assert row_ids(desk.get("/desk/")) == [heavy.pk, light.pk]
    assert row_ids(desk.get("/desk/?sort=-subject")) == [light.pk, heavy.pk]
    assert row_ids(desk.get("/desk/?sort=number")) == [light.pk, heavy.pk]


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-3",
        "page=99999999999999999999999",
        "size=7",
        "size=1e9",
        "sort=password",
        "sort=--id",
        "sort=" + "x" * 5000,
    ],
)
def test_hostile_list_parameters_fall_back_to_defaults(desk, ticket, query):
    for url in ("/desk/", "/desk/all/", "/desk/favorites/"):
        assert desk.get(f"{url}?{query}").status_code == 200


def test_nul_characters_in_list_parameters_are_refused_clearly(desk, ticket):
    response = desk.get("/desk/?page=1&sort=%00")
    assert response.status_code == 400
    assert "sort contains a NUL character" in response.content.decode()


def test_pages_without_counting_rows(desk, many_tickets):
    many_tickets(30)
    first = desk.get("/desk/?size=25")
    assert len(row_ids(first)) == 25
    assert 'rel="next"' in first.content.decode()
    second = desk.get(link(first, "next"))
    assert len(row_ids(second)) == 5
    assert 'rel="next"' not in second.content.decode()
    assert not set(row_ids(first)) & set(row_ids(second))


def link(response, rel) -> str:
    """The address of a pager link, as the browser would follow it."""
    found = re.search(rf'<a href="([^"]+)" rel="{rel}"', response.content.decode())
    assert found, f"no {rel} link"
    return response.request["PATH_INFO"] + found.group(1).replace("&amp;", "&")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def crowd_the_queue(count, department, staff):
    """Rows with every property set, so each column's data is really fetched."""
    for _ in range(count):
        ticket = TicketFactory(department=department, client=ClientFactory(note="careful"))
        ticket.client.groups.create(name=f"Group of {ticket.pk}")
        Favorite.objects.create(user=staff, ticket=ticket)
        actions.open_for_staff(ticket, user=staff)


def test_queue_query_count_does_not_grow_with_rows(desk, staff, tech):
    crowd_the_queue(5, tech, staff)
    few = count_queries(desk, "/desk/?size=100")
    crowd_the_queue(45, tech, staff)
    many = count_queries(desk, "/desk/?size=100")
    assert len(row_ids(desk.get("/desk/?size=100"))) == 50
    assert few == many


def test_favorites_and_all_tickets_query_counts_are_constant(desk, staff, tech):
    crowd_the_queue(5, tech, staff)
    few = (count_queries(desk, "/desk/all/"), count_queries(desk, "/desk/favorites/"))
    crowd_the_queue(45, tech, staff)
    many = (count_queries(desk, "/desk/all/"), count_queries(desk, "/desk/favorites/"))
    assert few == many


def test_staff_of_another_department_do_not_see_the_ticket(client, staff2, ticket):
    client.force_login(staff2)
    assert ticket.pk not in row_ids(client.get("/desk/all/"))
    assert client.get(f"/desk/tickets/{ticket.pk}/").status_code == 404


def test_department_of_another_staff_member_is_not_a_filter_choice(desk, sales):
    page = desk.get("/desk/").content.decode()
    html = page[page.index('<aside class="filter-panel">') : page.index("</aside>")]
    assert ">Technical support (HostCo)</option>" in html
    assert ">Sales (HostCo)</option>" not in html


def test_tickets_table_has_no_client_select(desk, many_tickets):
    many_tickets(3)
    html = desk.get("/desk/").content.decode()
    assert 'name="client"' in html
    assert not re.search(r'<select[^>]*name="client"', html)


def test_deadline_overdue_is_marked(desk, ticket):
    Ticket.objects.filter(pk=ticket.pk).update(deadline="2000-01-01T00:00:00Z")
    html = desk.get("/desk/").content.decode()
    assert 'class="mono deadline-cell overdue"' in html
    assert '<span class="visually-hidden">Overdue</span>' in html


def test_rows_show_status_priority_and_unassigned(desk, ticket, staff):
    Ticket.objects.filter(pk=ticket.pk).update(client_priority=2)
    html = desk.get("/desk/").content.decode()
    assert '<span class="status status-0">New</span>' in html
    assert '<span class="priority priority-1">Medium</span>' in html
    assert "client: high" in html  # the client's "High" is visible in the queue
    assert ">Unassigned</span>" in html
    Ticket.objects.filter(pk=ticket.pk).update(responsible=staff)
    assert ">Unassigned</span>" not in desk.get("/desk/").content.decode()


def test_the_list_counts_its_tickets_up_to_a_bound(desk, many_tickets, monkeypatch):
    many_tickets(3)
    assert "3 tickets" in desk.get("/desk/").content.decode()
    monkeypatch.setattr("helpdesk.tickets.views.desk.lists.COUNT_CAP", 2)
    assert "2+ tickets" in desk.get("/desk/").content.decode()


def test_a_big_count_is_written_with_a_thousands_separator(desk, ticket, monkeypatch):
    monkeypatch.setattr(
        "helpdesk.tickets.views.desk.lists.bounded_count", lambda tickets: (1000, True)
    )
    assert "1,000+ tickets" in desk.get("/desk/").content.decode()
    spanish = desk.get("/desk/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert re.search(r"más de 1(\s|&nbsp;|\.)000 tickets", spanish)  # grouped the Spanish way


def test_the_symbols_have_a_legend(desk, ticket):
    html = desk.get("/desk/").content.decode()
    assert "What the symbols mean" in html
    assert "the client has paid support" in html
