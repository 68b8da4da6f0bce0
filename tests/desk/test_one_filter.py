"""The one filter of the desk's lists: the chip and the panel are the same client, reset
clears everything, conditions show as removable chips, an empty list says which of them
emptied it, reversed ranges are refused; saved views."""

import re

import pytest

from helpdesk.tickets import actions
from helpdesk.tickets.filters import saved_params
from helpdesk.tickets.models import SavedFilter, SavedView
from tests.desk.conftest import once
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Kind = SavedFilter.Kind


def row_ids(response) -> list[int]:
    return [int(found) for found in re.findall(r'data-ticket="(\d+)"', response.content.decode())]


@pytest.fixture
def two_clients(ticket, client2_user, tech):
    globex = actions.open_ticket(
        client2_user.client, author=client2_user, subject="Globex mail", body="Bounces",
        department=tech,
    )  # fmt: skip
    return ticket, globex


def test_the_chip_sets_the_client_the_panel_shows_and_reset_clears_it(desk, two_clients, staff):
    acme_ticket, globex = two_clients
    desk.post("/desk/setfilter/", once(client=str(globex.client_id), next="/desk/"))
    page = desk.get("/desk/").content.decode()
    assert row_ids(desk.get("/desk/")) == [globex.pk]
    assert 'data-testid="client-chip"' in page and "Client: Globex" in page
    assert f'id="id_client" value="{globex.client_id}"' in page, "the panel has the client"
    assert 'value="Globex"' in page, "and shows its name"
    desk.post("/desk/filter/", once(priority="1", client=str(globex.client_id)))
    assert saved_params(staff, Kind.QUEUE) == {
        "client": str(globex.client_id), "priority": "1",
    }  # fmt: skip
    desk.post("/desk/filter/", once(reset="1"))
    page = desk.get("/desk/").content.decode()
    assert 'data-testid="client-chip"' not in page
    assert sorted(row_ids(desk.get("/desk/"))) == sorted([acme_ticket.pk, globex.pk])


def test_conditions_show_as_chips_and_each_is_removable(desk, two_clients, staff):
    acme_ticket, globex = two_clients
    desk.post("/desk/filter/", once(status=["0", "1"], priority="1", text="bounces"))
    page = desk.get("/desk/all/").content.decode()
    assert row_ids(desk.get("/desk/all/")) == [globex.pk]
    chips = re.findall(r'data-testid="filter-chip">.*?<span>(.*?)</span>', page, re.S)
    assert chips == ["Priority: medium", "Status: new, under review",
                     "Text (subject and messages): bounces"]  # fmt: skip
    desk.post("/desk/filter/", once(remove="text"))
    assert saved_params(staff, Kind.QUEUE) == {"priority": "1", "status": ["0", "1"]}
    assert sorted(row_ids(desk.get("/desk/all/"))) == sorted([acme_ticket.pk, globex.pk])


def test_an_empty_list_names_the_conditions_that_emptied_it(desk, two_clients):
    desk.post("/desk/filter/", once(priority="2", text="bounces"))
    page = desk.get("/desk/all/").content.decode()
    assert row_ids(desk.get("/desk/all/")) == []
    reason = re.search(r'data-testid="empty-reason">\s*<p>(.*?)</p>', page, re.S).group(1)
    assert reason == "No tickets match Priority: high."
    assert "Clear filters" in page


def test_a_reversed_range_is_refused_and_nothing_is_saved(desk, ticket, staff):
    for start, end in (("created_from", "created_to"), ("last_from", "last_to")):
        response = desk.post(
            "/desk/filter/", once(**{start: "2026-05-02", end: "2026-05-01"}, page_kind="all")
        )
        assert response.status_code == 400
        assert "This date is before the one it starts from." in response.content.decode()
        assert saved_params(staff, Kind.QUEUE) == {}


def test_last_message_dates_and_statuses_narrow(desk, two_clients, staff):
    acme_ticket, globex = two_clients
    actions.close_tickets([globex], by=staff)
    desk.post("/desk/filter/", once(status=["3"]))
    assert row_ids(desk.get("/desk/all/")) == [globex.pk]
    day = acme_ticket.last_message_at.date().isoformat()
    desk.post("/desk/filter/", once(last_from=day, last_to=day))
    assert sorted(row_ids(desk.get("/desk/all/"))) == sorted([acme_ticket.pk, globex.pk])
    desk.post("/desk/filter/", once(last_from="2001-01-01", last_to="2001-01-02"))
    assert row_ids(desk.get("/desk/all/")) == []


def test_saved_views_save_switch_and_delete(desk, staff, two_clients):
    acme_ticket, globex = two_clients
    desk.post("/desk/filter/", once(text="bounces"))
    desk.post("/desk/views/save/", once(name="Bounces"))
    desk.post("/desk/filter/", once(reset="1"))
    desk.post("/desk/filter/", once(client=str(acme_ticket.client_id)))
    desk.post("/desk/views/save/", once(name="Acme"))
    bounces = SavedView.objects.get(user=staff, name="Bounces")
    desk.post("/desk/views/apply/", once(view=str(bounces.pk)))
    assert row_ids(desk.get("/desk/")) == [globex.pk], "the view became the saved filter"
    page = desk.get("/desk/").content.decode()
    assert re.search(r'aria-current="true">Bounces<', page)
    desk.post("/desk/views/delete/", once(view=str(bounces.pk)))
    assert list(SavedView.objects.values_list("name", flat=True)) == ["Acme"]
    assert row_ids(desk.get("/desk/")) == [globex.pk], "the filter stays"


def test_views_are_personal_and_need_a_name_and_a_filter(desk, client, staff, tech):
    other = UserFactory(username="other", role=staff.role)
    tech.members.add(other)
    theirs = SavedView.objects.create(user=other, name="Theirs", params={"priority": "2"})
    assert desk.post("/desk/views/apply/", once(view=str(theirs.pk))).status_code == 404
    assert desk.post("/desk/views/delete/", once(view=str(theirs.pk))).status_code == 404
    desk.post("/desk/views/save/", once(name="Nothing"))
    desk.post("/desk/filter/", once(priority="2"))
    desk.post("/desk/views/save/", once(name="   "))
    assert not SavedView.objects.filter(user=staff).exists()
