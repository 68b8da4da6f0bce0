"""No request, however malformed, gets a 500: every page of every area, as every persona,
with nonsense ids and junk parameters, by GET and by POST; every field repeated, with a
NUL character, with a time zone in a date or a time."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.submit_once import new_token
from tests import hostile
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
    "message": "<script>" * 3,
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


PERSONAS = ["root", "staff", "staff2", "client_user", "client2_user", "orphan"]


@pytest.fixture
def everyone(root, staff, staff2, client_user, client2_user, ticket):
    ticket.messages.get()  # the ticket exists with a message, so real ids are around too
    orphan = UserFactory(username="orphan", client=None)  # no group, no client account
    orphan.groups.clear()
    return dict(
        zip(PERSONAS, [root, staff, staff2, client_user, client2_user, orphan], strict=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_answers_500_to_junk(client, everyone, persona):
    routes = list(area_paths())
    assert len(routes) > 20
    user = everyone[persona]
    client.force_login(user)
    # A route without an id is the same address for every junk id: sent once.
    paths = dict.fromkeys(fill(route, value) for route in routes for value in JUNK_IDS)
    for path in paths:
        assert client.get(path, JUNK_PARAMS).status_code < 500, (user, path)
        assert client.post(path, JUNK_PARAMS).status_code < 500, (user, path)


def real_paths(ticket):
    message_id = str(ticket.messages.order_by("pk").first().pk)
    for route in area_paths():
        yield "/" + re.sub(r"<int:(\w+)>", lambda m: message_id if "message" in m[1]
                           else str(ticket.pk), route)  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_real_ids_with_junk_parameters_never_answer_500(client, everyone, ticket, persona):
    user = everyone[persona]
    client.force_login(user)
    for path in real_paths(ticket):
        assert client.get(path, JUNK_PARAMS).status_code < 500, (user, path)
        assert client.post(path, JUNK_PARAMS).status_code < 500, (user, path)


@pytest.fixture
def plain(ticket):
    return hostile.plain_values(ticket, ticket.messages.order_by("pk").first())


def variants(data):
    """The data as sent, and without `reset` (which takes a filter form down another path)."""
    return [data, {name: value for name, value in data.items() if name != "reset"}]


# The sweeps are cut into shards of routes (route number modulo SHARDS), one test each, so
# that the pytest-xdist workers share them; together the shards send every request.
SHARDS = 3


def send_everywhere(client, users, ticket, datas_for, shard):
    """GET and POST each of `datas_for(route number)` (with a fresh one-time token) to every
    route of the shard."""
    for user in users:
        for number, path in enumerate(real_paths(ticket)):
            if number % SHARDS != shard:
                continue
            client.logout()  # a route may have started acting as the client (`su`)
            client.force_login(user)
            for data in datas_for(number):
                answer = client.get(path, data)
                assert answer.status_code < 500, (user, path, data)
                answer = client.post(path, {**data, "form_token": new_token()})
                assert answer.status_code < 500, (user, path, data)


@pytest.fixture(params=["staff", "client_user"])
def user_of_an_area(request):
    """Staff and a client, each sweeping every route (one test each, so they run in
    parallel)."""
    return request.getfixturevalue(request.param)


@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_field_repeated_never_answers_500(client, user_of_an_area, ticket, plain, shard):
    data = hostile.repeated(plain)
    dated = {name: data[name] for name in ["created_from", "created_to", "deadline_date",
                                           "deadline_time", *hostile.IDENTITY]}  # fmt: skip
    send_everywhere(client, [user_of_an_area], ticket, lambda _: [*variants(data), dated], shard)


@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS))
def test_time_zones_in_dates_and_times_never_answer_500(client, user_of_an_area, ticket,
                                                       plain, shard):  # fmt: skip
    def datas_for(number):  # each route gets one of the spellings of a time zone
        return [variants(data)[1] for data in hostile.timezoned(plain, number)]  # no `reset`

    send_everywhere(client, [user_of_an_area], ticket, datas_for, shard)


@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("area", ["/desk/", "/"])
def test_a_nul_in_any_field_is_a_clear_error(
    client, staff, client_user, ticket, plain, area, shard
):
    """Each field on each route of the area (of the shard), by GET or by POST in turn (to
    keep the sweep fast), as the user of the route's area."""
    in_area = [(number, path) for number, path in enumerate(real_paths(ticket))
               if path.startswith("/desk/") == (area == "/desk/")]  # fmt: skip
    assert len(in_area) > 5
    swept = 0
    for number, path in in_area:
        if number % SHARDS != shard:
            continue
        swept += 1
        client.force_login(staff if area == "/desk/" else client_user)
        for index, name in enumerate([*plain, "a\x00b"]):
            send = client.get if (number + index) % 2 else client.post
            answer = send(path, {**plain, name: "1\x00"})
            assert answer.status_code == 400, (path, name)
            assert "NUL character" in answer.content.decode(), (path, name)
    assert swept > 0


def test_the_walk_covers_the_gate_list():
    names = {name for name, _view, _route in walk(get_resolver().url_patterns)}
    assert {"desk:queue", "portal:ticket_list"} <= names
