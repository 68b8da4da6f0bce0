import pytest

from accounts import impersonation
from helpdesk.tickets import actions
from tests.factories import ServiceFactory, add_balance


@pytest.fixture
def as_client(client, client_user):
    client.force_login(client_user)
    return client


@pytest.fixture
def as_client2(client, client2_user):
    client.force_login(client2_user)
    return client


@pytest.fixture
def acting_staff(client, staff, client_user):
    """The test client logged in as staff who act as `client` (ticket.su)."""
    client.force_login(staff)
    session = client.session
    impersonation.start(session, actor=staff, target=client_user)
    session.save()
    return client


@pytest.fixture
def vps(acme, provider):
    return ServiceFactory(client=acme, provider=provider, name="vps1.acme.example")


@pytest.fixture
def funded_acme(acme):
    add_balance(acme, "100.00")
    return acme


@pytest.fixture
def answered_ticket(ticket, staff):
    actions.post_staff_reply(ticket, author=staff, body="Restarted **nginx**, try now.")
    ticket.refresh_from_db()
    return ticket


@pytest.fixture
def closed_ticket(open_ticket, staff):
    ticket = open_ticket(subject="Old question")
    actions.close_tickets([ticket], by=staff)
    ticket.refresh_from_db()
    return ticket
