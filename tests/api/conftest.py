"""Calling /billmgr over HTTP from tests: `api(func, as_user=..., out=..., **params)`."""

import json
import logging
from xml.etree import ElementTree

import pytest

from helpdesk.api import sessions

ENDPOINT = "/billmgr"


def body_of(response) -> bytes:
    """The whole body, read to its end for a streamed list (unpaged lists stream)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


class Answer:
    """A parsed answer: `.doc` (the JSON doc, or the XML root) and the raw response."""

    def __init__(self, response, out):
        self.response = response
        self.body = body_of(response)
        assert response.status_code == 200, self.body[:500]
        if out == "xml":
            self.doc = ElementTree.fromstring(self.body)
        else:
            self.doc = json.loads(self.body)["doc"]

    @property
    def error(self):
        return self.doc.get("error") if isinstance(self.doc, dict) else self.doc.find("error")

    def error_kind(self):
        if isinstance(self.doc, dict):
            return (self.error["$type"], self.error["$object"]) if self.error else None
        node = self.error
        return (node.get("type"), node.get("object")) if node is not None else None

    @property
    def elems(self):
        return self.doc["elem"]


@pytest.fixture
def session_for(db):
    def make(user):
        return sessions.start_session(user).session_key

    return make


@pytest.fixture
def api(client, session_for):
    """Call a function through the real endpoint (GET, or POST when `post=True` or files)."""

    def call(func, *, as_user=None, out="json", post=False, files=None, **params):
        data = {"func": func, "out": out, **params}
        if as_user is not None:
            data["auth"] = session_for(as_user)
        if post or files:
            response = client.post(ENDPOINT, {**data, **(files or {})})
        else:
            response = client.get(ENDPOINT, data)
        return Answer(response, out)

    return call


@pytest.fixture(autouse=True)
def _no_hidden_failures(caplog):
    """The endpoint answers even a crash with doc.error; a logged crash still fails the test."""
    yield
    crashes = [
        record
        for record in caplog.records
        if record.name in ("helpdesk.api.views", "django.request")
        and record.levelno >= logging.ERROR
    ]
    assert crashes == []
