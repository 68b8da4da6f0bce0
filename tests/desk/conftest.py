import re

import pytest

from accounts.submit_once import new_token
from helpdesk.messages.actions import add_message
from helpdesk.messages.models import Message
from helpdesk.tickets import actions


@pytest.fixture
def desk(client, staff):
    """The test client, logged in as a staff member of Technical support."""
    client.force_login(staff)
    return client


@pytest.fixture
def many_tickets(open_ticket):
    def make(count):
        return [open_ticket(subject=f"Problem {number}") for number in range(count)]

    return make


@pytest.fixture
def long_thread(ticket, client_user, staff):
    """Grow `ticket`'s conversation to `count` messages of every kind, with attachments
    and edits, through the real actions."""

    def make(count):
        kinds = [Message.Kind.INCOMING, Message.Kind.OUTCOMING, Message.Kind.NOTE]
        while ticket.messages.count() < count:
            kind = kinds[ticket.messages.count() % 3]
            author = client_user if kind == Message.Kind.INCOMING else staff
            add_message(ticket, author=author, kind=kind, body=f"Message of kind {kind}")
        return ticket

    return make


def form_token(html: str) -> str:
    """The one-time form token of the first form in a rendered page."""
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def once(**data) -> dict:
    """Form data with a fresh one-time token, as a rendered form carries it."""
    return {"form_token": new_token(), **data}


@pytest.fixture
def reply(staff):
    def send(ticket, body="Thanks, fixed.", **kwargs):
        return actions.post_staff_reply(ticket, author=staff, body=body, **kwargs)

    return send
