"""The search, through HTTP as staff, root and clients use it: what is found, what never
is, how it is shown. The same tests run on SQLite (FTS5) and PostgreSQL (tsvector)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpdesk.messages import actions as message_actions
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.filters import save_params
from helpdesk.tickets.models import SavedFilter
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


def found_ids(response) -> list[int]:
    assert response.status_code == 200
    html = response.content.decode()
    results = html.split('data-testid="search-results"', 1)[-1]
    return [int(found) for found in re.findall(r'<li data-ticket="(\d+)"', results)]


@pytest.fixture
def desk(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def three_message_ticket(open_ticket, client_user, staff):
    """A ticket whose third message alone holds the word "zanzibar"."""
    ticket = open_ticket(subject="Mail is slow", body="Our mail takes minutes to arrive.")
    actions.post_staff_reply(ticket, author=staff, body="We are looking into it.")
    actions.post_client_message(
        ticket, author=client_user, body="The relay zanzibar queues every message."
    )
    return ticket


def test_a_word_only_in_the_third_message_is_found(desk, three_message_ticket, open_ticket):
    open_ticket(subject="Unrelated", body="Nothing to see")
    response = desk.get("/desk/search/", {"q": "zanzibar"})
    assert found_ids(response) == [three_message_ticket.pk]
    assert "<mark>zanzibar</mark>" in response.content.decode()


def test_stemmed_and_case_insensitive(desk, three_message_ticket):
    assert found_ids(desk.get("/desk/search/", {"q": "Relay"})) == [three_message_ticket.pk]


def test_a_hostname_and_an_ip_are_found(desk, open_ticket):
    host = open_ticket(subject="Server down", body="vps-acme-01.example.net does not answer")
    ip = open_ticket(subject="Blocked", body="Please unblock 10.0.0.5 in the firewall")
    open_ticket(subject="Other", body="vps-acme-02.example.net and 10.0.0.6 are fine")
    assert found_ids(desk.get("/desk/search/", {"q": "vps-acme-01.example.net"})) == [host.pk]
    assert found_ids(desk.get("/desk/search/", {"q": "10.0.0.5"})) == [ip.pk]


def test_a_ticket_number_opens_the_ticket(desk, ticket):
    response = desk.get("/desk/search/", {"q": f"#{ticket.pk}"})
    assert response.status_code == 302
    assert response.url == f"/desk/tickets/{ticket.pk}/"
    assert desk.get("/desk/search/", {"q": str(ticket.pk)}).url == f"/desk/tickets/{ticket.pk}/"


def test_staff_never_find_another_departments_ticket(desk, open_ticket, sales, staff2, client):
    mine = open_ticket(subject="Invoice question", body="The word quokka is here")
    theirs = open_ticket(subject="Quokka pricing", body="quokka again", department=sales)
    assert found_ids(desk.get("/desk/search/", {"q": "quokka"})) == [mine.pk]
    redirect = desk.get("/desk/search/", {"q": str(theirs.pk)})
    assert redirect.status_code == 200, "another department's number is not opened"
    client.force_login(staff2)
    assert found_ids(client.get("/desk/search/", {"q": "quokka"})) == [theirs.pk]


def test_root_finds_every_department(client, root, open_ticket, sales):
    mine = open_ticket(subject="Quokka", body="a")
    theirs = open_ticket(subject="Quokka too", body="b", department=sales)
    client.force_login(root)
    assert set(found_ids(client.get("/desk/search/", {"q": "quokka"}))) == {mine.pk, theirs.pk}


def test_notes_and_hidden_messages_are_found_by_staff_only(
    client, staff, client_user, ticket, root
):
    actions.add_note(ticket, author=staff, body="Internal: the client owes wombat fees")
    hidden = actions.post_staff_reply(ticket, author=staff, body="A platypus reply")
    message_actions.set_hidden([hidden], by=staff, hidden=True)
    client.force_login(staff)
    assert found_ids(client.get("/desk/search/", {"q": "wombat"})) == [ticket.pk]
    assert found_ids(client.get("/desk/search/", {"q": "platypus"})) == [ticket.pk]
    client.force_login(client_user)
    assert found_ids(client.get("/search/", {"q": "wombat"})) == []
    assert found_ids(client.get("/search/", {"q": "platypus"})) == []
    assert found_ids(client.get("/search/", {"q": "site"})) == [ticket.pk]


def test_a_client_never_finds_another_clients_ticket(
    client, client_user, client2_user, open_ticket, tech
):
    mine = open_ticket(subject="Quokka at Acme", body="x")
    theirs = actions.open_ticket(
        client2_user.client, author=client2_user, subject="Quokka at Globex", body="y",
        department=tech,
    )  # fmt: skip
    client.force_login(client_user)
    assert found_ids(client.get("/search/", {"q": "quokka"})) == [mine.pk]
    response = client.get("/search/", {"q": str(theirs.pk)})
    assert response.status_code == 200 and found_ids(response) == []
    assert client.get("/search/", {"q": str(mine.pk)}).url == f"/tickets/{mine.pk}/"


def test_client_names_emails_and_services_are_found_by_staff(desk, open_ticket, acme, provider):
    ticket = open_ticket(subject="Hello", body="Just a question")
    UserFactory(username="billing-person", client=acme, email="ops@acme-corp.example")
    service = ServiceFactory(client=acme, provider=provider, name="dedicated-kestrel")
    served = open_ticket(subject="Another", body="Other text", service=service)
    assert set(found_ids(desk.get("/desk/search/", {"q": "Acme Hosting"}))) >= {ticket.pk}
    assert ticket.pk in found_ids(desk.get("/desk/search/", {"q": "ops@acme-corp.example"}))
    assert found_ids(desk.get("/desk/search/", {"q": "kestrel"})) == [served.pk]


def test_a_subject_match_ranks_above_a_message_match(desk, open_ticket):
    in_message = open_ticket(subject="Question", body="Something about backups")
    in_subject = open_ticket(subject="Backups failing", body="Since Monday")
    # The newer ticket is the message match: the order is the rank's, not the date's.
    in_message.messages.update(created_at=in_subject.created_at)
    ids = found_ids(desk.get("/desk/search/", {"q": "backups"}))
    assert ids == [in_subject.pk, in_message.pk]


def test_partial_words_fall_back(desk, open_ticket):
    ticket = open_ticket(subject="Certificate renewal", body="letsencrypt failed")
    response = desk.get("/desk/search/", {"q": "letsenc"})
    assert found_ids(response) == [ticket.pk]
    assert "partial matches" in response.content.decode()
    inside = desk.get("/desk/search/", {"q": "rtificat"})
    assert found_ids(inside) == [ticket.pk], "any part of a subject"
    assert "Ce<mark>rtificat</mark>e" in inside.content.decode()


def test_passages_escape_everything_but_the_marks(desk, open_ticket):
    open_ticket(subject="<b>bold</b> subject", body="<script>alert(1)</script> narwhal here")
    html = desk.get("/desk/search/", {"q": "narwhal"}).content.decode()
    assert "<script>alert" not in html
    assert "<mark>narwhal</mark>" in html
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; subject" in html


def test_search_is_narrowed_by_the_saved_filter(desk, staff, open_ticket, ticket):
    high = open_ticket(subject="Ocelot", body="first")
    low = open_ticket(subject="Ocelot two", body="second")
    actions.update_ticket(high, by=staff, priority=2)
    save_params(staff, SavedFilter.Kind.QUEUE, {"priority": "2"})
    response = desk.get("/desk/search/", {"q": "ocelot"})
    assert found_ids(response) == [high.pk]
    assert low.pk not in found_ids(response)
    assert 'data-testid="filter-chip"' in response.content.decode()
    empty = desk.get("/desk/search/", {"q": "site returns"})
    assert found_ids(empty) == []
    assert "Only the tickets matching your filter were searched" in empty.content.decode()


def test_new_and_edited_messages_are_indexed(desk, ticket, staff):
    message = actions.post_staff_reply(ticket, author=staff, body="first wording")
    message_actions.edit_message(message, editor=staff, body="second capybara wording")
    assert found_ids(desk.get("/desk/search/", {"q": "capybara"})) == [ticket.pk]
    Message.objects.bulk_create(
        [Message(ticket=ticket, author=staff, kind="note", body="bulk axolotl", html="")]
    )
    assert found_ids(desk.get("/desk/search/", {"q": "axolotl"})) == [ticket.pk]


def test_junk_queries_answer_calmly(desk, ticket):
    for junk in ["", "   ", '"', "*", "-", "()", "a" * 500, "' OR 1=1 --", "NEAR(", "^"]:
        assert desk.get("/desk/search/", {"q": junk}).status_code == 200, junk


def test_search_queries_stay_constant(desk, open_ticket):
    def queries(count):
        for number in range(count):
            open_ticket(subject=f"Gecko {number}", body="gecko body")
        with CaptureQueriesContext(connection) as captured:
            assert len(found_ids(desk.get("/desk/search/", {"q": "gecko"}))) >= count
        return len(captured)

    assert queries(2) == queries(20)


def test_a_ticket_moved_to_another_department_moves_out_of_the_search(
    client, staff, staff2, root, three_message_ticket, sales
):
    actions.update_ticket(three_message_ticket, by=root, department=sales)
    client.force_login(staff)
    assert found_ids(client.get("/desk/search/", {"q": "zanzibar"})) == []
    client.force_login(staff2)
    found = found_ids(client.get("/desk/search/", {"q": "zanzibar"}))
    assert found == [three_message_ticket.pk]


def test_phrases_exclusions_and_quotes_hold_for_staff(desk, open_ticket, sales):
    """Staff search reads their departments' own index, where phrases are only "all the
    words": the real text decides."""
    relay = open_ticket(subject="Mail", body="The relay zanzibar queues mail for O'Brien.")
    other = open_ticket(subject="Mail", body="Zanzibar asked whether the relay works.")
    open_ticket(subject="Mail", body="The relay zanzibar, elsewhere", department=sales)
    assert found_ids(desk.get("/desk/search/", {"q": '"relay zanzibar"'})) == [relay.pk]
    assert found_ids(desk.get("/desk/search/", {"q": "zanzibar -brien"})) == [other.pk]
    assert found_ids(desk.get("/desk/search/", {"q": "o'brien"})) == [relay.pk]
    assert found_ids(desk.get("/desk/search/", {"q": "zanzib"})) == [other.pk, relay.pk]
