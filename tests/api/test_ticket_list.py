"""func=ticket (the queue) and func=ticket_all: columns, props, scope, filters, paging."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Attitude
from helpdesk.favorites.actions import add_favorites
from helpdesk.tickets import actions
from helpdesk.tickets.filters import save_params
from helpdesk.tickets.models import SavedFilter
from tests.factories import ClientFactory, UserFactory

pytestmark = pytest.mark.django_db


def ids(answer):
    return [elem["id"]["$"] for elem in answer.elems]


def test_the_queue_lists_columns_as_billmanager_does(api, staff, ticket):
    elem = api("ticket", as_user=staff).elems[0]
    assert elem["id"] == elem["ticket"] == {"$": str(ticket.pk)}
    assert elem["name"]["$"] == "Website is down"
    assert elem["client"]["$"] == "Acme Hosting"
    assert re.fullmatch(r"(\d+)d\+(\d{2}):(\d{2})", elem["delay"]["$"])
    assert elem["responsible"]["$"] == "Technical support"
    assert elem["project"]["$"] == "HostCo"
    assert int(elem["queue"]["$"]) > 0
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", elem["deadline"]["$"])


def test_properties_are_own_keys_only_when_set(api, staff, ticket, acme):
    plain = api("ticket", as_user=staff).elems[0]
    assert plain["unread"] == {"$": "on"}
    assert "favorite" not in plain and "highpriority" not in plain and "blocked_by" not in plain
    acme.attitude = Attitude.objects.create(name="VIP", weight=5)
    acme.premium = True
    acme.save()
    add_favorites([ticket], user=staff)
    actions.update_ticket(ticket, by=staff, high_priority=True, priority=2)
    actions.open_for_staff(ticket, user=staff)
    marked = api("ticket", as_user=staff).elems[0]
    for prop in ("favorite", "highpriority", "attitude", "premium", "priority"):
        assert marked[prop] == {"$": "on"}, prop
    assert "unread" not in marked
    assert marked["blocked_by"]["$"].startswith("Sam S., ")


def test_the_queue_in_xml(api, staff, ticket):
    doc = api("ticket", as_user=staff, out="xml").doc
    assert doc.find("elem/ticket").text == str(ticket.pk)
    assert doc.find("elem/unread").text == "on"
    assert doc.find("p_elems").text == "1"


def test_sjson_has_the_shape_of_json(api, staff, ticket):
    """Public BILLmanager clients read `["$"]` cells and doc.auth.$id from sjson."""
    sjson = api("ticket", as_user=staff, out="sjson").doc
    assert sjson == api("ticket", as_user=staff, out="json").doc
    assert sjson["elem"][0]["id"] == {"$": str(ticket.pk)}
    assert sjson["elem"][0]["unread"] == {"$": "on"}
    auth = api("auth", username="staff", password="demo", out="sjson").doc["auth"]
    assert auth["$id"] and auth["$"] == auth["$id"]
    error = api("ticket", authinfo="staff:wrong", out="sjson").doc["error"]
    assert error["$type"] == "auth" and error["msg"]["$"]


def test_an_empty_queue_still_has_an_elem_list(api, staff):
    assert api("ticket", as_user=staff).doc["elem"] == []


def test_the_queue_is_sorted_by_weight_and_scoped(api, staff, staff2, open_ticket, sales):
    light = open_ticket("light")
    heavy = open_ticket("heavy")
    actions.update_ticket(heavy, by=staff, high_priority=True)
    elsewhere = open_ticket("sales question", department=sales)
    assert ids(api("ticket", as_user=staff)) == [str(heavy.pk), str(light.pk)]
    assert ids(api("ticket", as_user=staff2)) == [str(elsewhere.pk)]


def test_closed_tickets_leave_the_queue_but_stay_in_ticket_all(api, staff, open_ticket):
    kept, closed = open_ticket("kept"), open_ticket("closed")
    actions.close_tickets([closed], by=staff)
    assert ids(api("ticket", as_user=staff)) == [str(kept.pk)]
    assert set(ids(api("ticket_all", as_user=staff))) == {str(kept.pk), str(closed.pk)}


def test_ticket_all_tells_closed_from_archived(api, staff, open_ticket):
    waiting, closed, archived = open_ticket("waiting"), open_ticket("closed"), open_ticket("old")
    actions.close_tickets([closed, archived], by=staff)
    actions.archive_tickets([archived], by=archived.created_by)
    rows = {elem["id"]["$"]: elem["tstatus"] for elem in api("ticket_all", as_user=staff).elems}
    assert rows[str(waiting.pk)] == {"$": "new", "$orig": "0"}
    assert rows[str(closed.pk)] == {"$": "closed", "$orig": "3"}
    assert rows[str(archived.pk)] == {"$": "archived", "$orig": "10"}


def test_root_sees_every_department(api, root, open_ticket, sales):
    open_ticket("one")
    open_ticket("two", department=sales)
    assert len(api("ticket", as_user=root).elems) == 2


def test_saved_filters_apply_to_the_queue(api, staff, open_ticket, tech):
    other = UserFactory(username="other", client=ClientFactory(name="Other"))
    mine = open_ticket("from acme")
    actions.open_ticket(other.client, author=other, subject="x", body="y", department=tech)
    save_params(staff, SavedFilter.Kind.QUEUE, {"client": mine.client_id})
    assert ids(api("ticket", as_user=staff)) == [str(mine.pk)]
    save_params(staff, SavedFilter.Kind.QUEUE, {"subject": "acme"})
    assert ids(api("ticket_all", as_user=staff)) == [str(mine.pk)]


@pytest.mark.parametrize("out", ["json", "xml"])
def test_paging(api, staff, open_ticket, out):
    for number in range(5):
        open_ticket(f"ticket {number}")
    first = api("ticket", as_user=staff, p_cnt="2", p_num="1", out=out).doc
    third = api("ticket", as_user=staff, p_cnt="2", p_num="3", out=out).doc
    beyond = api("ticket", as_user=staff, p_cnt="2", p_num="9", out=out).doc
    if out == "xml":
        assert len(first.findall("elem")) == 2 and len(third.findall("elem")) == 1
        assert [first.find(name).text for name in ("p_num", "p_cnt", "p_elems")] == ["1", "2", "5"]
        assert beyond.findall("elem") == [] and beyond.find("p_elems").text == "5"
    else:
        assert len(first["elem"]) == 2 and len(third["elem"]) == 1
        assert first["p_elems"] == third["p_elems"] == beyond["p_elems"] == {"$": "5"}
        assert third["p_num"] == {"$": "3"} and beyond["elem"] == []


def queries_for(api, user, func, **params):
    with CaptureQueriesContext(connection) as captured:
        answer = api(func, as_user=user, **params)
    assert answer.error is None
    return len(captured.captured_queries)


def test_the_queue_runs_the_same_queries_for_5_and_50_tickets(api, staff, open_ticket, acme):
    acme.attitude = Attitude.objects.create(name="VIP")
    acme.save()
    tickets = [open_ticket(f"ticket {number}") for number in range(5)]
    add_favorites(tickets[:2], user=staff)
    five = queries_for(api, staff, "ticket")
    tickets += [open_ticket(f"more {number}") for number in range(45)]
    add_favorites(tickets[-3:], user=staff)
    assert len(api("ticket", as_user=staff).elems) == 50
    assert queries_for(api, staff, "ticket") == five
    assert queries_for(api, staff, "ticket_all") == five


@pytest.mark.parametrize("out", ["json", "xml"])
def test_a_list_called_without_p_cnt_answers_every_row_streamed(
    api, staff, client_user, open_ticket, out
):
    """Pollers call `ticket` unpaged: the 101st ticket must be there too."""
    opened = sorted(str(open_ticket(f"ticket {number}").pk) for number in range(105))
    for func, user in [("ticket", staff), ("ticket_all", staff), ("clientticket", client_user)]:
        answer = api(func, as_user=user, out=out)
        assert answer.response.streaming, func
        if out == "xml":
            listed = [elem.findtext("id") for elem in answer.doc.findall("elem")]
            total = answer.doc.findtext("p_elems")
        else:
            listed, total = [elem["id"]["$"] for elem in answer.elems], answer.doc["p_elems"]["$"]
        assert sorted(listed) == opened and total == "105", func
    paged = api("ticket", as_user=staff, p_cnt="100", out=out)
    assert not paged.response.streaming
    assert len(paged.doc.findall("elem") if out == "xml" else paged.elems) == 100


def test_an_unpaged_list_runs_the_same_queries_for_5_and_150_rows(api, staff, open_ticket):
    for number in range(5):
        open_ticket(f"ticket {number}")
    five = queries_for(api, staff, "ticket")
    for number in range(145):
        open_ticket(f"more {number}")
    assert queries_for(api, staff, "ticket") == five
