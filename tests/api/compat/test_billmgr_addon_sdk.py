"""pulivilizator/billmgr-addon (`billmgr_addon/utils/billmgr_api.py`, httpx): GET calls put
func/out=sjson/auth in the query, POST calls send them as a JSON body; a session from the
`billmgrses5` cookie or `auth=`; `doc.error.msg.$` raises its BillmgrApiError; `.result()`
reads an item's `$` values and a list's elems (`$orig` before `$`), but only when the
answer has `p_elems`."""

import httpx
import pytest

from helpdesk.tickets import actions

pytestmark = pytest.mark.django_db(transaction=True)


class BillmgrApiError(Exception):
    pass


def handle_response(response, result_type="item"):
    response.raise_for_status()
    doc = response.json()["doc"]
    if "error" in doc:
        raise BillmgrApiError(f"Error message: {doc['error']['msg']['$']}")
    if result_type == "item":
        return {name: value["$"] for name, value in doc.items() if "$" in value}
    if "p_elems" not in doc:
        return None
    return [{name: value["$orig"] if "$orig" in value else value["$"]
             for name, value in elem.items() if "$orig" in value or "$" in value}
            for elem in doc.get("elem", [])]  # fmt: skip


class BillmgrAPI:
    def __init__(self, url, session_id=None, auth_info=None, cookies=None):
        self.url, self.session_id, self.auth_info = url, session_id, auth_info
        self.session = httpx.Client(cookies=httpx.Cookies(cookies or {}),
                                    headers={"Referer": url})  # fmt: skip

    def send(self, method, func, params=None, data=None, result_type="item"):
        common = {"func": func, "out": "sjson"}
        if self.session_id is not None:
            common["auth"] = self.session_id
        elif self.auth_info:
            common["authinfo"] = ":".join(self.auth_info)
        query = {**(common if method == "GET" else {}), **(params or {})}
        body = {**(common if method != "GET" else {}), **(data or {})}
        request = self.session.build_request(method, self.url, params=query, json=body)
        return handle_response(self.session.send(request), result_type)


def test_lists_items_and_errors_with_a_password_login(billmgr, staff, ticket):
    api = BillmgrAPI(billmgr, auth_info=["staff", "demo"])
    rows = api.send("GET", "ticket", result_type="list")
    assert [row["id"] for row in rows] == [str(ticket.pk)] and rows[0]["client"] == "Acme Hosting"
    posted = api.send("POST", "ticket_all", data={"p_cnt": "5"}, result_type="list")
    assert posted[0]["tstatus"] == str(ticket.status)  # $orig, the number
    form = api.send("POST", "ticket.edit", data={"elid": str(ticket.pk)})
    assert form["name"] == "Website is down" and form["client"] == "Acme Hosting"
    with pytest.raises(BillmgrApiError, match="Error message: .+"):
        api.send("GET", "ticket.edit", params={"elid": "999999"})
    with pytest.raises(BillmgrApiError):
        BillmgrAPI(billmgr, auth_info=["staff", "wrong"]).send("GET", "ticket")


def test_the_session_cookie_and_keepalive(billmgr, client_user, staff, ticket):
    sid = BillmgrAPI(billmgr).send("POST", "auth", data={"username": "client",
                                                         "password": "demo"})["auth"]  # fmt: skip
    as_current_user = BillmgrAPI(billmgr, cookies={"billmgrses5": sid})
    assert as_current_user.send("GET", "keepalive") == {}
    actions.post_staff_reply(ticket, author=staff, body="Answer")
    rows = as_current_user.send("GET", "clientticket", result_type="list")
    assert [row["id"] for row in rows] == [str(ticket.pk)] and rows[0]["unread"] == "on"
    assert as_current_user.send("GET", "whoami") == {"user": "client"}
    BillmgrAPI(billmgr, session_id=sid).send("GET", "logout")
    with pytest.raises(BillmgrApiError):
        as_current_user.send("GET", "keepalive")
