"""Filters that stay until changed, the client chip, client lookup and the group actions."""

import re

import pytest

from accounts.models import SubmittedForm
from helpdesk.favorites.models import Favorite
from helpdesk.tickets import actions
from helpdesk.tickets.models import SavedFilter, Ticket
from tests.desk.conftest import form_token, once
from tests.factories import ClientFactory, UserFactory

pytestmark = pytest.mark.django_db


def row_ids(response) -> list[int]:
    return [int(found) for found in re.findall(r'data-ticket="(\d+)"', response.content.decode())]


def globex_ticket(client2_user, tech):
    return actions.open_ticket(
        client2_user.client, author=client2_user, subject="Globex mail", body="Mail bounces",
        department=tech,
    )  # fmt: skip


def test_saved_filter_applies_until_reset(desk, ticket, open_ticket):
    other = open_ticket(subject="Billing question")
    response = desk.post("/desk/filter/", once(subject="website", next="/desk/"))
    assert response.status_code == 302
    assert row_ids(desk.get("/desk/")) == [ticket.pk]
    assert row_ids(desk.get("/desk/all/")) == [ticket.pk], "the same filter on all tickets"
    assert 'value="website"' in desk.get("/desk/").content.decode(), "the form shows it"
    desk.post("/desk/filter/", once(reset="1"))
    assert sorted(row_ids(desk.get("/desk/"))) == sorted([ticket.pk, other.pk])


@pytest.mark.parametrize(
    "data",
    [
        {"id": "99999999999999999999999"},
        {"id": "1e400"},
        {"client": "99999999999999999999999"},
        {"subject": "%_\\'\"" * 50},
        {"service_kind": "\x00"},
    ],
)
def test_odd_but_valid_filters_find_nothing_instead_of_failing(desk, ticket, data):
    response = desk.post("/desk/filter/", once(**data))
    assert response.status_code in (302, 400)
    assert desk.get("/desk/").status_code == 200
    assert desk.get("/desk/all/").status_code == 200


def test_filter_by_properties_and_client(desk, ticket, client2_user, tech, staff):
    globex = globex_ticket(client2_user, tech)
    actions.open_for_staff(globex, user=staff)
    desk.post("/desk/filter/", once(props=["unread"]))
    assert row_ids(desk.get("/desk/")) == [ticket.pk]
    desk.post("/desk/filter/", once(client=str(client2_user.client_id)))
    assert row_ids(desk.get("/desk/")) == [globex.pk]
    assert 'value="Globex"' in desk.get("/desk/").content.decode(), "the client's name shows"


@pytest.mark.parametrize(
    "data",
    [
        {"id": "abc"},
        {"id": "-5"},
        {"client": "x"},
        {"priority": "7"},
        {"props": ["nonsense"]},
        {"created_from": "yesterday"},
        {"department": "99999999999999999999999"},
    ],
)
def test_invalid_filter_is_shown_with_errors_and_not_saved(desk, ticket, data):
    response = desk.post("/desk/filter/", once(**data))
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not SavedFilter.objects.filter(kind=SavedFilter.Kind.QUEUE).exists()
    assert row_ids(desk.get("/desk/")) == [ticket.pk]


def test_filter_by_this_client_shows_a_removable_chip(desk, ticket, client2_user, tech):
    globex = globex_ticket(client2_user, tech)
    desk.post("/desk/setfilter/", once(client=str(client2_user.client_id)))
    response = desk.get("/desk/")
    assert row_ids(response) == [globex.pk]
    assert "Client: Globex" in response.content.decode()
    desk.post("/desk/setfilter/", once(client=""))
    response = desk.get("/desk/")
    assert sorted(row_ids(response)) == sorted([ticket.pk, globex.pk])
    assert 'data-testid="client-chip"' not in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "0", "999999", "99999999999999999999999", "1 OR 1=1"])
def test_setfilter_refuses_unknown_clients(desk, ticket, value):
    response = desk.post("/desk/setfilter/", once(client=value), follow=True)
    assert response.status_code == 200
    assert "There is no such client." in response.content.decode()
    assert not SavedFilter.objects.exists()


def test_client_autocomplete_finds_by_name_at_most_twenty(desk):
    for number in range(25):
        ClientFactory(name=f"Initech {number:02d}")
    ClientFactory(name="Globex")
    found = desk.get("/desk/clients/autocomplete/", {"q": "inite"}).json()["results"]
    assert len(found) == 20
    assert all(item["name"].startswith("Initech") for item in found)
    assert desk.get("/desk/clients/autocomplete/", {"q": ""}).json() == {"results": []}
    assert desk.get("/desk/clients/autocomplete/", {"q": "%" * 500}).status_code == 200


def test_client_autocomplete_is_for_staff_only(client, client_user):
    client.force_login(client_user)
    assert client.get("/desk/clients/autocomplete/", {"q": "a"}).status_code == 403


def test_close_two_tickets_at_once(desk, many_tickets):
    first, second, untouched = many_tickets(3)
    response = desk.post("/desk/close/", once(elid=[first.pk, second.pk], next="/desk/"))
    assert response.status_code == 302
    assert response["Location"] == "/desk/"
    statuses = dict(Ticket.objects.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == Ticket.Status.CLOSED
    assert statuses[untouched.pk] != Ticket.Status.CLOSED
    assert row_ids(desk.get("/desk/")) == [untouched.pk]


def test_group_actions_ignore_tickets_staff_cannot_see(desk, ticket, client2_user, sales):
    hidden = actions.open_ticket(
        client2_user.client, author=client2_user, subject="Sales", body="Hi", department=sales
    )
    desk.post("/desk/close/", once(elid=[hidden.pk, "junk", "9" * 40, ticket.pk]))
    hidden.refresh_from_db()
    ticket.refresh_from_db()
    assert hidden.in_queue is True
    assert ticket.in_queue is False


def test_group_action_without_selection_says_so(desk, ticket):
    response = desk.post("/desk/close/", once(), follow=True)
    assert "Tick at least one ticket first." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.in_queue


def test_unblock_and_favorites_group_actions(desk, staff, many_tickets):
    first, second = many_tickets(2)
    colleague = UserFactory(username="colleague", role=staff.role)
    actions.open_for_staff(first, user=colleague)
    desk.post("/desk/unblock/", once(elid=[first.pk]))
    first.refresh_from_db()
    assert first.blocked_by is None
    desk.post("/desk/favorites/add/", once(elid=[first.pk, second.pk]))
    assert set(Favorite.objects.filter(user=staff).values_list("ticket", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert sorted(row_ids(desk.get("/desk/favorites/"))) == sorted([first.pk, second.pk])
    desk.post("/desk/favorites/remove/", once(elid=[first.pk]))
    assert row_ids(desk.get("/desk/favorites/")) == [second.pk]


def test_a_group_action_runs_once_on_double_submit(desk, many_tickets, staff):
    first, second = many_tickets(2)
    token = form_token(desk.get("/desk/").content.decode())
    data = {"form_token": token, "elid": [first.pk]}
    desk.post("/desk/favorites/add/", data)
    response = desk.post("/desk/favorites/add/", data, follow=True)
    assert "That form was already sent" in response.content.decode()
    assert SubmittedForm.objects.filter(token=token).count() == 1
    assert Favorite.objects.filter(user=staff).count() == 1


def test_list_actions_refuse_get(desk, ticket):
    for url in ("/desk/close/", "/desk/unblock/", "/desk/filter/", "/desk/setfilter/"):
        assert desk.get(url).status_code == 405


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "javascript:x"])
def test_next_never_leaves_the_site(desk, ticket, target):
    response = desk.post("/desk/unblock/", once(elid=[ticket.pk], next=target))
    assert response["Location"] == "/desk/"
