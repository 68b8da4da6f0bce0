"""How real BILLmanager clients reach the endpoint: /billmgr/ with a slash, JSON bodies,
the billmgrses5 session cookie, whoami and keepalive, CORS for configured client areas,
and startform links opened in a browser."""

import json

import pytest

from tests.api.conftest import body_of

pytestmark = pytest.mark.django_db


def doc_of(response):
    assert response.status_code == 200
    return json.loads(body_of(response))["doc"]


def log_in(client, login="client"):
    answer = doc_of(client.post("/billmgr/", {"func": "auth", "username": login,
                                              "password": "demo", "out": "json"}))  # fmt: skip
    return answer["auth"]["$id"]


def test_the_endpoint_answers_with_and_without_a_slash(client, client_user, ticket):
    sid = log_in(client)
    for path in ("/billmgr", "/billmgr/"):
        listed = doc_of(client.post(path, {"func": "clientticket", "auth": sid, "out": "json"}))
        assert [elem["id"]["$"] for elem in listed["elem"]] == [str(ticket.pk)]


def test_a_json_body_is_read_like_a_form(client, client_user, ticket):
    sid = log_in(client)
    body = json.dumps({"func": "clientticket", "auth": sid, "out": "json"})
    listed = doc_of(client.post("/billmgr/", body, content_type="application/json"))
    assert [elem["id"]["$"] for elem in listed["elem"]] == [str(ticket.pk)]
    broken = client.post("/billmgr/", "{not json", content_type="application/json")
    assert broken.status_code == 200 and b"<error" in broken.content


def test_whoami_names_the_login_and_its_level(client, client_user, staff):
    sid = log_in(client)
    user = doc_of(client.post("/billmgr/", {"func": "whoami", "auth": sid, "out": "json"}))
    assert user["user"]["$name"] == "client" and user["user"]["$level"] == "16"
    staff_sid = log_in(client, "staff")
    answer = doc_of(client.post("/billmgr/", {"func": "whoami", "auth": staff_sid, "out": "json"}))
    assert answer["user"]["$level"] == "28"
    refused = doc_of(client.post("/billmgr/", {"func": "whoami", "auth": "gone", "out": "json"}))
    assert refused["error"]["$type"] == "auth" and refused["error"]["msg"]["$"]


def test_keepalive_extends_a_live_session_and_says_access_for_a_gone_one(client, client_user):
    sid = log_in(client)
    assert "ok" in doc_of(client.post("/billmgr/", {"func": "keepalive", "auth": sid,
                                                    "out": "json"}))  # fmt: skip
    client.post("/billmgr/", {"func": "logout", "auth": sid, "out": "json"})
    gone = doc_of(client.post("/billmgr/", {"func": "keepalive", "auth": sid, "out": "json"}))
    assert gone["error"]["$type"] == "access"


def test_the_session_cookie_authenticates_like_auth(client, client_user, ticket, settings):
    response = client.post("/billmgr/", {"func": "auth", "username": "client",
                                         "password": "demo", "out": "json"})  # fmt: skip
    cookie = response.cookies[settings.BILLMGR_SESSION_COOKIE]
    assert cookie.value == doc_of(response)["auth"]["$id"] and cookie["httponly"]
    listed = doc_of(client.post("/billmgr/", {"func": "clientticket", "out": "json"}))
    assert [elem["id"]["$"] for elem in listed["elem"]] == [str(ticket.pk)]


def test_the_session_cookie_is_not_used_from_another_sites_page(client, client_user, ticket):
    log_in(client)
    cross = client.post(
        "/billmgr/",
        {"func": "clientticket", "out": "json"},
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    assert doc_of(cross)["error"]["$type"] == "auth"


def test_the_browser_session_never_authenticates_the_api(client, client_user):
    client.force_login(client_user)
    answer = doc_of(client.post("/billmgr/", {"func": "clientticket", "out": "json"}))
    assert answer["error"]["$type"] == "auth"


def test_cors_for_configured_client_areas_only(client, client_user, settings):
    settings.BILLMGR_CORS_ORIGINS = ["https://my.example.com"]
    preflight = client.options(
        "/billmgr/",
        headers={"Origin": "https://my.example.com", "Access-Control-Request-Method": "POST"},
    )
    assert preflight["Access-Control-Allow-Origin"] == "https://my.example.com"
    assert preflight["Access-Control-Allow-Credentials"] == "true"
    answer = client.post(
        "/billmgr/",
        {"func": "auth", "username": "client", "password": "demo", "out": "json"},
        headers={"Origin": "https://my.example.com"},
    )
    assert answer["Access-Control-Allow-Origin"] == "https://my.example.com"
    other = client.post(
        "/billmgr/", {"func": "whoami", "out": "json"}, headers={"Origin": "https://evil.example"}
    )
    assert "Access-Control-Allow-Origin" not in other


def test_a_startform_link_opens_the_ticket_in_the_desk_after_login(client, staff, ticket):
    link = f"/billmgr?elid={ticket.pk}&plid=&startform=ticket.edit"
    response = client.get(link)
    assert response.status_code == 302 and response.url == f"/desk/tickets/{ticket.pk}/"
    to_login = client.get(response.url)
    assert to_login.url.startswith("/accounts/login/")
    landed = client.post(to_login.url, {"username": "staff", "password": "demo"})
    assert landed.url == f"/desk/tickets/{ticket.pk}/"
    junk = client.get("/billmgr?elid=abc&startform=ticket.edit")
    assert junk.status_code == 302 and junk.url == "/home/"
