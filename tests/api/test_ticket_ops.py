"""Staff group operations and saved filters: delete (close), unblock, favorites, filters."""

import pytest

from helpdesk.favorites.models import Favorite
from helpdesk.tickets import actions
from helpdesk.tickets.filters import save_params, saved_params
from helpdesk.tickets.models import SavedFilter, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(open_ticket):
    return open_ticket("first"), open_ticket("second")


@pytest.mark.parametrize("elid", ["{a}, {b}", "{a},{b}"])
def test_delete_closes_a_list_of_tickets(api, staff, pair, elid):
    first, second = pair
    answer = api("ticket.delete", as_user=staff, elid=elid.format(a=first.pk, b=second.pk))
    assert "ok" in answer.doc
    statuses = set(Ticket.objects.values_list("status", "in_queue"))
    assert statuses == {(Ticket.Status.CLOSED, False)}
    assert Ticket.objects.count() == 2  # closing never deletes


def test_ticket_all_delete_in_xml(api, staff, ticket):
    answer = api("ticket_all.delete", as_user=staff, elid=ticket.pk, out="xml")
    assert answer.doc.find("ok") is not None
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED


def test_one_unknown_id_refuses_the_whole_list(api, staff, pair, staff2, sales, open_ticket):
    first, _second = pair
    foreign = open_ticket("sales", department=sales)
    answer = api("ticket.delete", as_user=staff, elid=f"{first.pk}, {foreign.pk}")
    assert answer.error_kind() == ("missed", "elid")
    assert str(foreign.pk) in answer.doc["error"]["msg"]["$"]
    first.refresh_from_db()
    assert first.in_queue


def test_unblock_releases_the_block(api, staff, ticket):
    actions.open_for_staff(ticket, user=staff)
    assert "ok" in api("ticket.unblock", as_user=staff, elid=ticket.pk).doc
    ticket.refresh_from_db()
    assert ticket.blocked_by is None


def test_favorite_toggles_and_lists(api, staff, pair):
    first, second = pair
    api("ticket.favorite", as_user=staff, elid=f"{first.pk}, {second.pk}")
    assert Favorite.objects.filter(user=staff).count() == 2
    api("ticket.favorite", as_user=staff, elid=first.pk)
    listed = api("ticket_favorite", as_user=staff).elems
    assert [elem["id"]["$"] for elem in listed] == [str(second.pk)]
    elem = listed[0]
    assert elem["favorite"] == {"$": "on"} and elem["project_name"]["$"] == "HostCo"
    assert elem["tstatus"]["$orig"] == "0" and elem["client"]["$"] == "Acme Hosting"
    assert {"last_message", "responsible", "name"} <= set(elem)


def test_favorites_are_per_staff_member(api, staff, root, ticket):
    api("ticket.favorite", as_user=staff, elid=ticket.pk)
    assert api("ticket_favorite", as_user=root).elems == []
    assert "favorite" not in api("ticket", as_user=root).elems[0]


def test_ticket_favorite_delete(api, staff, pair):
    first, second = pair
    api("ticket.favorite", as_user=staff, elid=first.pk)
    answer = api("ticket_favorite.delete", as_user=staff, elid=second.pk)
    assert answer.error_kind() == ("missed", "elid")
    removed = api("ticket_favorite.delete", as_user=staff, elid=first.pk, out="xml")
    assert removed.doc.find("ok") is not None
    assert not Favorite.objects.exists()


class TestSetFilter:
    def test_elid_shows_only_that_tickets_client(self, api, staff, ticket):
        save_params(staff, SavedFilter.Kind.QUEUE, {"priority": "2"})
        assert "ok" in api("ticket.setfilter", as_user=staff, elid=ticket.pk).doc
        saved = saved_params(staff, SavedFilter.Kind.QUEUE)
        assert saved == {"client": ticket.client_id, "priority": "2"}, "one filter, rest kept"

    def test_without_elid_or_with_reset_it_clears(self, api, staff, ticket):
        api("ticket.setfilter", as_user=staff, elid=ticket.pk)
        api("ticket.setfilter", as_user=staff)
        assert saved_params(staff, SavedFilter.Kind.QUEUE) == {}
        api("ticket.setfilter", as_user=staff, elid=ticket.pk)
        api("ticket.setfilter", as_user=staff, elid=ticket.pk, reset="on")
        assert saved_params(staff, SavedFilter.Kind.QUEUE) == {}

    def test_another_departments_ticket_is_missed(self, api, staff2, ticket):
        answer = api("ticket.setfilter", as_user=staff2, elid=ticket.pk)
        assert answer.error_kind() == ("missed", "elid")


class TestFilter:
    def test_saves_shows_and_applies_the_advanced_filter(self, api, staff, open_ticket, tech):
        wanted = open_ticket("Disk full")
        open_ticket("Other")
        answer = api("ticket.filter", as_user=staff, sok="ok", subject="disk",
                     department=tech.pk, props="unread")  # fmt: skip
        assert "ok" in answer.doc
        form = api("ticket.filter", as_user=staff).doc
        assert form["subject"]["$"] == "disk" and form["props"]["$"] == "unread"
        assert {node["$name"] for node in form["slist"]} >= {"department", "props", "priority"}
        listed = api("ticket", as_user=staff).elems
        assert [elem["id"]["$"] for elem in listed] == [str(wanted.pk)]

    def test_reset_clears_it(self, api, staff, open_ticket):
        open_ticket("a")
        api("ticket.filter", as_user=staff, sok="ok", subject="zzz")
        assert api("ticket", as_user=staff).elems == []
        api("ticket.filter", as_user=staff, sok="ok", reset="on")
        assert len(api("ticket", as_user=staff).elems) == 1

    @pytest.mark.parametrize(
        ("params", "field"),
        [({"priority": "9"}, "priority"), ({"props": "bogus"}, "props"),
         ({"created_from": "yesterday"}, "created_from"), ({"department": "x"}, "department")],
    )  # fmt: skip
    def test_bad_values_are_refused_and_nothing_is_saved(self, api, staff, params, field):
        answer = api("ticket.filter", as_user=staff, sok="ok", **params)
        assert answer.error_kind() == ("value", field)
        assert saved_params(staff, SavedFilter.Kind.QUEUE) == {}

    def test_a_department_outside_the_scope_is_refused(self, api, staff, sales):
        answer = api("ticket.filter", as_user=staff, sok="ok", department=sales.pk)
        assert answer.error_kind() == ("value", "department")


@pytest.mark.parametrize(
    ("func", "extra"),
    [
        ("ticket.favorite", {}),
        ("ticket.unblock", {}),
        ("ticket.setfilter", {}),
        ("ticket_all.setfilter", {"reset": "on"}),
        ("ticket.filter", {"sok": "ok", "subject": "x"}),
        ("ticket.filter", {"reset": "on"}),
        ("ticket_all.delete", {}),
    ],
)
def test_operations_answer_ok_in_xml(api, staff, ticket, func, extra):
    doc = api(func, as_user=staff, elid=ticket.pk, out="xml", **extra).doc
    assert doc.find("ok") is not None and doc.find("error") is None


def test_the_filter_form_in_xml(api, staff, tech):
    api("ticket.filter", as_user=staff, sok="ok", department=tech.pk)
    doc = api("ticket.filter", as_user=staff, out="xml").doc
    assert doc.find("department").text == str(tech.pk)
    assert doc.find(f"slist[@name='department']/val[@key='{tech.pk}']") is not None


@pytest.mark.parametrize("func", ["ticket_favorite", "ticket.message"])
def test_other_lists_page_too(api, staff, open_ticket, func):
    tickets = [open_ticket(f"t{number}") for number in range(3)]
    api("ticket.favorite", as_user=staff, elid=", ".join(str(each.pk) for each in tickets))
    for number in range(3):
        actions.add_note(tickets[0], author=staff, body=f"note {number}")
    doc = api(func, as_user=staff, elid=tickets[0].pk, p_cnt="2", p_num="2", out="xml").doc
    assert len(doc.findall("elem")) == (1 if func == "ticket_favorite" else 2)
    assert doc.find("p_elems").text == ("3" if func == "ticket_favorite" else "4")
