"""`ticket` and `ticket_all` narrowed by text (`search=`, or BILLmanager's `message`), and
read by keyset (`after=`)."""

import pytest

from helpdesk.tickets import actions
from helpdesk.tickets.filters import save_params
from helpdesk.tickets.models import SavedFilter

pytestmark = pytest.mark.django_db


def ids(answer):
    return [elem["id"]["$"] for elem in answer.elems]


def test_search_and_message_find_words_of_the_messages(api, staff, open_ticket, client_user):
    ticket = open_ticket(subject="Slow", body="first")
    actions.post_staff_reply(ticket, author=staff, body="second")
    actions.post_client_message(ticket, author=client_user, body="vps-acme-01.example.net hangs")
    open_ticket(subject="Other", body="nothing")
    for name in ("search", "message"):
        found = api("ticket_all", as_user=staff, **{name: "vps-acme-01.example.net"})
        assert ids(found) == [str(ticket.pk)], name
    assert ids(api("ticket", as_user=staff, search="hangs")) == [str(ticket.pk)]
    assert ids(api("ticket_all", as_user=staff, search="absent")) == []


def test_search_stays_inside_the_scope_and_the_saved_filter(api, staff, staff2, open_ticket, sales):
    mine = open_ticket(subject="Ocelot", body="a")
    theirs = open_ticket(subject="Ocelot", body="b", department=sales)
    assert ids(api("ticket_all", as_user=staff, search="ocelot")) == [str(mine.pk)]
    assert ids(api("ticket_all", as_user=staff2, search="ocelot")) == [str(theirs.pk)]
    save_params(staff, SavedFilter.Kind.QUEUE, {"priority": "2"})
    assert ids(api("ticket_all", as_user=staff, search="ocelot")) == []


def test_after_reads_keyset_pages_in_queue_order(api, staff, open_ticket):
    tickets = [open_ticket(subject=f"T{number}") for number in range(7)]
    everything = ids(api("ticket_all", as_user=staff, p_cnt="100"))
    pages, after = [], ""
    while True:
        answer = api("ticket_all", as_user=staff, p_cnt="3", after=after)
        pages.append(ids(answer))
        after = answer.doc.get("p_next", {}).get("$")
        if not after:
            break
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [each for page in pages for each in page] == everything
    assert sorted(everything) == sorted(str(ticket.pk) for ticket in tickets)


def test_a_bad_after_is_a_value_error(api, staff, ticket):
    answer = api("ticket_all", as_user=staff, after="x1")
    assert answer.error_kind()[1] == "after"


def test_the_filter_takes_statuses_and_refuses_a_reversed_range(api, staff, open_ticket):
    open_ticket(subject="Open one")
    answer = api("ticket.filter", as_user=staff, sok="ok", status="0,1")
    assert "ok" in answer.doc
    refused = api(
        "ticket.filter", as_user=staff, sok="ok", last_from="2026-05-02", last_to="2026-05-01"
    )
    assert refused.error_kind() == ("value", "last_to")
    assert "status" in api("ticket.filter", as_user=staff).doc
