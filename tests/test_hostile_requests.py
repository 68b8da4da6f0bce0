"""No request, however malformed, gets a 500: every page of every area, as every persona,
with nonsense ids and junk parameters, by GET and by POST."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import UserFactory
from tests.test_url_gate import walk

JUNK_IDS = ["0", "999999999999999999999", "2147483648"]
JUNK_PARAMS = {
    "page": "-1",
    "size": "9999999",
    "sort": "password",
    "id": "1 OR 1=1",
    "client": "99999999999999999999",
    "department": "abc",
    "props": ["unread", "nonsense"],
    "created_from": "2026-13-45",
    "elid": "1,,x",
    "message": "\x00" * 3,
    "seen_message_id": "abc",
    "count": "1e9",
    "amount": "NaN",
    "score": "-5",
    "form_token": "x",
    "next": "https://evil.example/",
    "q": "%' OR ''='",
}


def area_paths():
    """Every desk and portal route, its integer ids filled with `value`."""
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace in ("desk", "portal"):
            prefix = str(pattern.pattern)
            for inner in pattern.url_patterns:
                if isinstance(inner, URLPattern):
                    yield prefix + str(inner.pattern)


def fill(route, value):
    return "/" + re.sub(r"<int:\w+>", value, route)


@pytest.fixture
def everyone(root, staff, staff2, client_user, client2_user, ticket):
    ticket.messages.get()  # the ticket exists with a message, so real ids are around too
    orphan = UserFactory(username="orphan", client=None)  # no group, no client account
    orphan.groups.clear()
    return [root, staff, staff2, client_user, client2_user, orphan]


@pytest.mark.django_db
def test_no_page_answers_500_to_junk(client, everyone):
    routes = list(area_paths())
    assert len(routes) > 20
    for user in everyone:
        client.force_login(user)
        for route in routes:
            for value in JUNK_IDS:
                path = fill(route, value)
                assert client.get(path, JUNK_PARAMS).status_code < 500, (user, path)
                assert client.post(path, JUNK_PARAMS).status_code < 500, (user, path)


@pytest.mark.django_db
def test_the_real_ids_with_junk_parameters_never_answer_500(client, everyone, ticket):
    message_id = str(ticket.messages.get().pk)
    for user in everyone:
        client.force_login(user)
        for route in area_paths():
            path = "/" + re.sub(r"<int:(\w+)>", lambda m: message_id if "message" in m[1]
                                else str(ticket.pk), route)  # fmt: skip
            assert client.get(path, JUNK_PARAMS).status_code < 500, (user, path)
            assert client.post(path, JUNK_PARAMS).status_code < 500, (user, path)


def test_the_walk_covers_the_gate_list():
    names = {name for name, _view in walk(get_resolver().url_patterns)}
    assert {"desk:queue", "portal:ticket_list"} <= names
