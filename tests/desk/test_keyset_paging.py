"""Keyset paging of the desk's lists: every sort, forwards through every page and back,
gives each ticket once and in the order of the whole list, empty values last."""

from datetime import timedelta

import pytest
from django.utils import timezone

from helpdesk.tickets.models import Ticket
from helpdesk.tickets.views.desk.lists import QUEUE_SORTS
from tests.desk.test_queue import link, row_ids
from tests.factories import ClientFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(tech, staff):
    """Tickets with repeated and empty sort values, so ties and NULLs are crossed by pages."""
    clients = [ClientFactory(name=name) for name in ("Beta", "Alpha", "Beta")]
    now = timezone.now()
    other = UserFactory(username="other-staff", first_name="Ann", last_name="Other")
    tech.members.add(other)
    tickets = []
    for number in range(57):
        tickets.append(
            TicketFactory(
                department=tech,
                client=clients[number % 3],
                subject=f"Subject {number % 4}",
                waiting_since=None if number % 3 == 0 else now - timedelta(hours=number % 5),
                deadline=None if number % 2 else now + timedelta(hours=number % 4),
                responsible=[None, staff, other][number % 3],
                queue_key=number % 6,
            )
        )
    return tickets


def walk(desk, url):
    """Every page from the first by the "next" links, then back by "previous"."""
    pages = [desk.get(url)]
    while 'rel="next"' in pages[-1].content.decode():
        pages.append(desk.get(link(pages[-1], "next")))
    forward = [row_ids(page) for page in pages]
    backward = [row_ids(pages[-1])]
    current = pages[-1]
    while 'rel="prev"' in current.content.decode():
        current = desk.get(link(current, "prev"))
        backward.append(row_ids(current))
    return forward, list(reversed(backward))


def expected(column, descending, tie_ascending=False):
    rows = list(Ticket.objects.values_list("id", column))
    present = [row for row in rows if row[1] is not None]
    empty = [row for row in rows if row[1] is None]
    id_descending = descending and not tie_ascending
    present.sort(key=lambda row: row[0], reverse=id_descending)
    present.sort(key=lambda row: row[1], reverse=descending)
    empty.sort(key=lambda row: row[0], reverse=id_descending)
    return [row[0] for row in present + empty]


@pytest.mark.parametrize("key", sorted(QUEUE_SORTS))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_through_every_ticket_once_in_order(desk, varied, key, descending):
    column = QUEUE_SORTS[key]
    sort = ("-" if descending else "") + key
    forward, backward = walk(desk, f"/desk/all/?size=25&sort={sort}")
    assert len(forward) == 1 or len(forward[0]) == 25
    everything = [ticket for page in forward for ticket in page]
    assert everything == expected(column.field, descending, tie_ascending=column.tie == "asc")
    assert backward == forward, "going back shows the same pages"


def test_pages_cross_ties_and_empty_values(desk, varied):
    for sort in ("deadline", "-deadline", "delay", "-delay", "provider", "-weight"):
        forward, backward = walk(desk, f"/desk/all/?size=25&sort={sort}")
        assert sum(map(len, forward)) == 57
        assert len(forward) == 3
        assert backward == forward


def test_a_cursor_the_user_may_not_see_starts_from_the_first_page(desk, varied, sales):
    hidden = TicketFactory(department=sales)
    first = row_ids(desk.get("/desk/all/"))
    assert row_ids(desk.get(f"/desk/all/?after={hidden.pk}")) == first
    assert row_ids(desk.get("/desk/all/?after=junk&before=%20")) == first


def test_jump_to_a_date_opens_the_tickets_created_that_day_or_before(desk, tech):
    now = timezone.now()
    old = TicketFactory(department=tech)
    new = TicketFactory(department=tech)
    Ticket.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=10))
    day = (now - timedelta(days=5)).date().isoformat()
    response = desk.get(f"/desk/all/?date={day}")
    assert row_ids(response) == [old.pk]
    assert new.pk not in row_ids(response)
    assert desk.get("/desk/all/?date=2024-13-45").status_code == 200


def test_sort_keys_follow_renames(tech, staff):
    ticket = TicketFactory(department=tech, responsible=staff)
    ticket.refresh_from_db()
    assert (ticket.sort_client, ticket.sort_responsible) == (ticket.client.name, "Sam Staff")
    ticket.client.name = "Zed Corp"
    ticket.client.save()
    staff.last_name = "Smith"
    staff.save()
    tech.name = "Tech"
    tech.save()
    ticket.refresh_from_db()
    assert (ticket.sort_client, ticket.sort_responsible) == ("Zed Corp", "Sam Smith")
    Ticket.objects.filter(pk=ticket.pk).update(responsible=None)
    ticket.refresh_from_db()
    assert ticket.sort_responsible == "Tech"
    assert ticket.sort_provider == tech.provider.name
