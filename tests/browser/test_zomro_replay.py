"""The Zomro client area's support calls, replayed in Chromium from a page of another site:
the exact parameters its `supportOperations.js`, `authOperations.js` and
`userOperations.js` send (form-urlencoded like `qs.stringify`, multipart like `FormData`,
`out=json`, `auth=<sessionId>`, to …/billmgr/ as axios joins its base URL with '/'),
across origins with CORS, each answer read as its components read it. Nothing of the
client area is built here; scripts/zomro_client_area.py drives the real build."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.factories import ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def client_area():
    """Another origin on loopback serving an empty page: the client area's own site."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<!doctype html><title>Client area</title>")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


REPLAY = (Path(__file__).parent / "zomro_replay.js").read_text()


def test_the_zomro_support_flow_replayed_from_another_site(
    page, live_server, client_area, browser_data, settings, client_user, staff
):
    settings.BILLMGR_CORS_ORIGINS = [client_area]
    talk = browser_data["Website returns 502 after the update"]
    actions.post_staff_reply(talk, author=staff, body="Here is the log",
                             files=[SimpleUploadedFile("nginx.log", b"502 at 12:00")])  # fmt: skip
    closed = browser_data["Mail bounces from the office"]
    actions.close_tickets([closed], by=staff)
    ServiceFactory(client=client_user.client, name="vps1.acme.example")
    page.goto(f"{client_area}/")

    seen = page.evaluate(REPLAY, [f"{live_server.url}/billmgr", talk.subject])

    assert seen["supportAllowed"] and not seen["expired"]
    assert seen["alertsBefore"] == [str(talk.pk)] and seen["alertsAfterOpen"] == []
    assert seen["count"] == "6" and len(seen["listed"]) == 6
    statuses = {row[2] for row in seen["listed"]}
    assert statuses <= {"In progress", "New replies", "Waiting to reply", "closed"}
    assert [row[0] for row in seen["listed"] if row[3] == "on"] == [str(closed.pk)]
    assert {"tstatus", "abuse", "message_post"} <= set(seen["filterLists"])
    assert sorted(seen["filtered"]) == ["Renew the SSL certificate of the API",
                                        "SSL certificate expired on shop.acme.example"]  # fmt: skip
    assert seen["serviceRelated"] == "vps1.acme.example (VPS)"
    plain, about = Ticket.objects.filter(subject__startswith="Replay").order_by("pk")
    assert plain.service is None and about.service.name == "vps1.acme.example"
    first, *_middle, answer = seen["talk"]["messages"]
    assert seen["talk"]["subject"] == talk.subject and seen["talk"]["created"]
    assert first["type"] == "incoming" and answer["type"] == "outcoming"
    assert answer["who"] == "Sam Staff" and answer["avatar"] and answer["rate"] == ""
    assert answer["files"][0][0] == "nginx.log" and seen["downloaded"] == "502 at 12:00"
    assert seen["rated"] == "good" and seen["replied"] == ["Two files", ["a.txt", "b.txt"]]
    assert seen["archived"] == [[str(closed.pk), "In archive"]]
    assert seen["archivedView"] == ["on", ["Ticket was moved to Archive"]]
