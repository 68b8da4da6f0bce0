"""Opening a page changes nothing: any web page, or an image in a message, can make a
logged-in browser GET any of our URLs, so a GET may only read (the session aside)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_hostile_requests import area_paths

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
SESSION_TABLE = "django_session"


def writes_of(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if WRITE.match(query["sql"]) and SESSION_TABLE not in query["sql"]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["root", "staff", "client_user"])
def test_no_get_of_any_page_writes(client, request, persona, ticket, staff):
    message = ticket.messages.get()
    client.force_login(request.getfixturevalue(persona))
    for route in area_paths():
        path = "/" + re.sub(
            r"<int:(\w+)>",
            lambda m: str(message.pk if "message" in m[1] else ticket.pk),
            route,
        )
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        assert writes_of(queries) == [], path
