"""Every API function, as staff and as a client, with every parameter repeated, with a NUL
character, with time zones in its dates and times: always an answer in the wire format,
never `internal` (and the autouse check of tests/api/conftest.py fails on a logged crash)."""

import json

import pytest

from helpdesk.api.registry import FUNCTIONS
from tests import hostile
from tests.api.conftest import Answer, body_of

pytestmark = pytest.mark.django_db
SESSION = ("auth", "func", "out")  # repeated as themselves, so the call still reaches its function


@pytest.fixture
def plain(ticket):
    return hostile.plain_values(ticket, ticket.messages.order_by("pk").first())


def call_every_function(client, session_for, users, datas):
    """Each call with a session of its own: an earlier call may have ended the last one."""
    for user in users:
        for name in FUNCTIONS:
            for data in datas:
                data = {**data, "func": name, "auth": session_for(user), "out": "json"}
                answer = client.post("/billmgr", data)
                assert answer.status_code == 200, (name, data)
                error = json.loads(body_of(answer))["doc"].get("error")
                assert error is None or error["$type"] != "internal", (name, error)


@pytest.fixture(params=["staff", "client_user"])
def caller(request):
    """Staff and a client, each calling every function (one test each, run in parallel)."""
    return request.getfixturevalue(request.param)


def test_every_parameter_repeated(client, session_for, caller, plain):
    data = {name: value for name, value in hostile.repeated(plain).items() if name not in SESSION}
    call_every_function(client, session_for, [caller], [data, {**data, "sok": ""}])


def test_time_zones_in_every_date_and_time(client, session_for, caller, plain):
    spellings = range(len(hostile.TIMEZONED_DATES))
    datas = [data for spelling in spellings for data in hostile.timezoned(plain, spelling)]
    call_every_function(client, session_for, [caller], datas)


@pytest.mark.parametrize("half", [0, 1])
def test_a_nul_in_any_parameter_is_a_value_error(client, session_for, staff, plain, half):
    """Every function, in two halves (even and odd positions) that run in parallel."""
    session = session_for(staff)  # the middleware refuses a NUL before any function runs
    for number, func in enumerate(FUNCTIONS):
        if number % 2 != half:
            continue
        for index, name in enumerate([*plain, "a\x00b"]):
            data = {**plain, "func": func, "auth": session, "out": "json", name: "1\x00"}
            send = client.get if (number + index) % 2 else client.post
            response = send("/billmgr", data)
            out = "json" if response["Content-Type"].startswith("application/json") else "xml"
            assert out == "json" or name == "out"  # an unknown `out` answers in XML
            answer = Answer(response, out)
            assert answer.error_kind()[0] == "value", (func, name)
            assert "NUL" in answer.body.decode(), (func, name)
