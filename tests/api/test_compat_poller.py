"""BILLmanager clients work against /billmgr over real HTTP with only the address changed."""

import pytest

from helpdesk.tickets import actions
from tests.api.compat_clients import JsonQueueReader, XmlPoller

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(staff, open_ticket, client_user):
    first = open_ticket("Website is down")
    actions.post_staff_reply(first, author=staff, body="Restarted", close=False)
    actions.post_client_message(first, author=client_user, body="Still down")
    urgent = open_ticket("Mail bounces")
    actions.update_ticket(urgent, by=staff, high_priority=True)
    return first, urgent


def test_the_xml_poller_reads_the_queue_and_follows_tickets(live_server, queue):
    first, urgent = queue
    poller = XmlPoller(f"{live_server.url}/billmgr", "staff", "demo")
    tickets = poller.tickets()
    assert [row["ticket"] for row in tickets] == [str(urgent.pk), str(first.pk)]
    assert all(row["id"] == row["ticket"] and row["client"] == "Acme Hosting" for row in tickets)
    assert all(row["unread"] for row in tickets)

    types = poller.open_ticket(tickets[1]["id"])
    assert [kind for kind, _date in types] == ["incoming", "outcoming", "incoming"]
    assert not any(row["unread"] for row in poller.tickets() if row["id"] == str(first.pk))

    messages = poller.messages(first.pk)
    assert [row["text"] for row in messages] == ["My site returns **502**.", "Restarted",
                                                 "Still down"]  # fmt: skip
    assert messages[0]["first"] and not any(row["first"] for row in messages[1:])
    assert not poller.is_new_ticket(first.pk), "a ticket with a conversation is 'returned'"
    assert poller.is_new_ticket(urgent.pk), "a one-message ticket is 'new'"


def test_the_poller_sees_an_error_for_a_wrong_password(live_server, queue):
    poller = XmlPoller(f"{live_server.url}/billmgr", "staff", "wrong")
    with pytest.raises(RuntimeError, match="Wrong login or password"):
        poller.tickets()


def test_the_json_reader_parses_delay_and_priority(live_server, queue):
    _first, urgent = queue
    rows = JsonQueueReader(f"{live_server.url}/billmgr", "staff", "demo").tickets()
    assert rows[0]["id"] == str(urgent.pk) and rows[0]["high"] and not rows[0]["low"]
    assert not rows[1]["high"]
    assert all(row["waited_minutes"] >= 0 for row in rows)
