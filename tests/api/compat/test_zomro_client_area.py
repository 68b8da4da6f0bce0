"""Karantir-dev/billing-typescript (the Zomro client area, React): its support calls as
`supportOperations.js`, `authOperations.js` and `userOperations.js` send them (axios,
base URL …/billmgr, `post('/')`, form-urlencoded by `qs` or multipart `FormData`,
`out=json`, `auth=<sessionId>`), read as its components read them. Over live HTTP."""

import json
from urllib.parse import urlencode

import httpx
import pytest

from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)

# public/locales/en/support.json: the status keys its tables translate (t(status)).
TSTATUS_KEYS = {"In progress", "New replies", "Waiting to reply", "In archive", "closed"}


class ZomroSupport:
    """The client area's calls, one method per operation it dispatches."""

    def __init__(self, base_url):
        self.http = httpx.Client(base_url=base_url, timeout=10)
        self.session_id = None

    def post(self, params=None, files=None):
        if files is not None:  # new FormData(): multipart, files as file_1 … file_N
            response = self.http.post("/", data=params, files=files)
        else:  # qs.stringify(...) with Content-Type application/x-www-form-urlencoded
            body = urlencode({k: v for k, v in params.items() if v is not None}, doseq=True)
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            response = self.http.post("/", content=body, headers=headers)
        assert response.status_code == 200
        data = response.json()
        if data["doc"].get("error"):
            raise RuntimeError(data["doc"]["error"]["msg"]["$"])  # throw new Error(msg.$)
        return data["doc"]

    # authOperations.login: FormData auth, then whoami with the new session
    def login(self, email, password):
        form = {"func": "auth", "username": email, "password": password, "out": "json",
                "g-recaptcha-response": "token", "sok": "ok"}  # fmt: skip
        doc = self.post(form, files={})
        self.session_id = doc["auth"]["$id"]
        self.post({"func": "whoami", "out": "json", "lang": "en", "auth": self.session_id})

    def call(self, func, **params):
        return self.post({"func": func, "out": "json", "auth": self.session_id, "lang": "en",
                          **params})  # fmt: skip

    # userOperations.getUserInfo: the menu decides whether the support page renders
    def support_page_allowed(self):
        rights = self.call("menu", sok="ok")["mainmenu"]["node"]
        section = any(obj["$name"] == "support" for obj in rights)
        pages = all(any(el["$name"] == name for obj in rights for el in obj["node"])
                    for name in ("clientticket", "clientticket_archive"))  # fmt: skip
        return section and pages

    def tickets(self, func="clientticket", **body):  # getTicketsHandler
        doc = self.call(func, sok="ok", p_col="+time", clickstat="yes", **body)
        elems = doc.get("elem") or []
        count = (doc.get("p_elems") or {}).get("$", 0)
        # RequestsPage sorts on last_message_utc.$
        return sorted(elems, key=lambda e: -int(e["last_message_utc"]["$"])), int(count)

    def filter_settings(self, func="clientticket.filter"):  # getTicketsFiltersSettingsHandler
        doc = self.call(func)
        lists = {el["$name"]: [(v["$key"], v["$"]) for v in el["val"]] for el in doc["slist"]}
        status = doc.get("tstatus")
        statuses = ",".join(e["$"] for e in status) if isinstance(status, list) else status["$"]
        names = ("id", "message", "name", "abuse", "message_poststart", "message_postend")
        current = {name: (doc.get(name) or {}).get("$", "") for name in names}
        return lists, {**current, "tstatus": statuses, "message_post": doc["message_post"]["$"]}

    def apply_filter(self, func="clientticket.filter", **values):  # getTicketsFiltersHandler
        self.call(func, sok="ok", **values)
        # …then getTicketsHandler({p_cnt: data?.p_cnt}): the answer has no p_cnt, so unpaged
        return self.tickets("clientticket" if func == "clientticket.filter" else
                            "clientticket_archive")  # fmt: skip

    def reset_filter(self, func="clientticket.filter"):  # SupportFilter resetFilterHandler
        return self.apply_filter(func, id="", message="", name="", abuse="null", tstatus="",
                                 message_post="nodate", message_poststart="",
                                 message_postend="", p_cnt=10)  # fmt: skip

    def open(self, elid):  # getTicketByIdHandler, then getDashboardTickets
        doc = self.call("clientticket.edit", clickstat="yes", elid=elid)
        self.call("dashboard.tickets")
        return doc

    def departments(self):  # getDepartmenList
        doc = self.call("clientticket.edit")
        return next(el["val"] for el in doc["slist"] if el["$name"] == "client_department")

    def services(self, ticket_item=None):  # getServiceList
        doc = self.call("clientticket.edit", sv_field="ticket_item", sv_autocomplete="yes",
                        ticket_item=ticket_item)  # fmt: skip
        values = next(el["val"] for el in doc["slist"] if el["$name"] == "ticket_item")
        return [{"label": v["$"], "value": v["$key"]} for v in values]

    def create(self, subject, message, department, ticket_item="null", files=()):
        form = {"func": "clientticket.edit", "out": "json", "sok": "ok",
                "auth": self.session_id, "message": message, "subject": subject,
                "ticket_item": ticket_item, "client_department": department}  # fmt: skip
        upload = {f"file_{i + 1}": file for i, file in enumerate(files)}
        self.post(form, files=upload)

    def send_message(self, elid, message, files=()):  # sendMessage
        form = {"func": "clientticket.edit", "out": "json", "sok": "ok",
                "auth": self.session_id, "message": message, "elid": str(elid)}  # fmt: skip
        self.post(form, files={f"file_{i + 1}": file for i, file in enumerate(files)})

    def rate(self, kind, elid, plid):  # setRate
        self.call(f"ticket.message.rate.{kind}", elid=elid, plid=plid)

    def file(self, elid):  # getFile: responseType blob, no out
        body = urlencode({"func": "ticket.file", "clickstat": "yes", "auth": self.session_id,
                          "elid": elid, "lang": "en"})  # fmt: skip
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.http.post("/", content=body, headers=headers).content

    def archive(self, elids):  # archiveTicketsHandler: ids joined by ", "
        self.call("clientticket.archive", sok="ok", clickstat="yes", elid=", ".join(elids))

    def keepalive_expired(self):  # getCurrentSessionStatus
        doc = self.http.post("/", data={"func": "keepalive", "auth": self.session_id,
                                        "out": "json"}).json()["doc"]  # fmt: skip
        return doc.get("error", {}).get("$type") == "access"


@pytest.fixture
def zomro(billmgr, client_user):
    app = ZomroSupport(billmgr)
    app.login("client", "demo")
    return app


def test_login_then_the_support_page_is_allowed(zomro, client_user):
    assert zomro.session_id and zomro.support_page_allowed()
    assert not zomro.keepalive_expired()


def test_list_open_read_rate_and_download(zomro, conversation, client_user):
    talk, _other = conversation
    rows, count = zomro.tickets(p_num=1, p_cnt=10)
    assert count == 2 and {row["tstatus"]["$"] for row in rows} <= TSTATUS_KEYS
    assert [row["id"]["$"] for row in rows] == [str(_other.pk), str(talk.pk)]  # newest first
    assert rows[1]["tstatus"]["$"] == "New replies" and rows[1]["unread"]["$"] == "on"
    assert all(row.get("toarchive", {}).get("$") != "on" for row in rows)  # none is closed

    ticket = zomro.open(talk.pk)
    assert ticket["subject"]["$"] == "Website is down" and "closed_ticket_user" not in ticket
    assert ticket["mlist"][0]["fm_date_post"]["$"]
    first, reply = ticket["mlist"][0]["message"]
    assert (first["$type"], reply["$type"]) == ("incoming", "outcoming")
    assert reply["user"]["realname"]["$"] == "Sam Staff" and reply["avatar"]["$"]
    assert reply["body"]["$"] == "Here is the log" and reply["rates"]["rate"]["$name"] == ""
    (file,) = reply["file"]
    assert zomro.file(file["param"]["$"]) == b"502 at 12:00"

    zomro.rate("good", reply["$id"], str(talk.pk))
    assert zomro.open(talk.pk)["mlist"][0]["message"][1]["rates"]["rate"]["$name"] == "good"
    rows, _count = zomro.tickets(p_num=1, p_cnt=10)
    assert next(r for r in rows if r["id"]["$"] == str(talk.pk))["tstatus"]["$"] != "New replies"


def test_create_with_and_without_a_service_and_reply_with_files(zomro, client_user, tech):
    service = ServiceFactory(client=client_user.client, name="vps1.acme.example")
    (department,) = zomro.departments()
    assert department["$plainval"] and department["$"]
    zomro.create("No service", "Hello", department["$key"])
    options = zomro.services("vps1")
    assert options[-1] == {"label": str(service), "value": str(service.pk)}
    zomro.create("About the VPS", "It is slow", department["$key"], ticket_item=str(service.pk),
                 files=[("top.txt", b"load 12", "text/plain")])  # fmt: skip
    plain, about = Ticket.objects.order_by("pk")
    assert plain.service is None and about.service == service
    view = zomro.open(about.pk)["mlist"][0]
    assert view["message"][0]["$type"] == "info"
    assert view["message"][0]["rowgroup"][0]["row"][0]["$"] == str(service)
    assert view["message"][1]["file"][0]["name"]["$"] == "top.txt"

    zomro.send_message(plain.pk, "Two files", files=[("a.txt", b"A", "text/plain"),
                                                     ("b.txt", b"B", "text/plain")])  # fmt: skip
    last = zomro.open(plain.pk)["mlist"][0]["message"][-1]
    assert last["body"]["$"] == "Two files"
    assert [file["name"]["$"] for file in last["file"]] == ["a.txt", "b.txt"]


def test_filter_reset_and_unpaged_list(zomro, client_user, open_ticket):
    for number in range(12):
        open_ticket(f"Old problem {number}")
    wanted = open_ticket("SSL expired")
    lists, current = zomro.filter_settings()
    assert {"abuse", "tstatus", "message_post"} <= set(lists)
    assert current["message_post"] == "nodate"
    rows, count = zomro.apply_filter(name="SSL", tstatus="0,1", message_post="nodate")
    assert [row["id"]["$"] for row in rows] == [str(wanted.pk)] and count == 1
    assert zomro.filter_settings()[1]["name"] == "SSL"
    rows, count = zomro.reset_filter()
    assert len(rows) == count == 13, "after a filter the list comes unpaged, every row"


def test_archive_and_the_archive_list(zomro, staff, conversation):
    talk, other = conversation
    actions.close_tickets([talk], by=staff)
    rows, _count = zomro.tickets(p_num=1, p_cnt=10)
    closable = [row["id"]["$"] for row in rows if row.get("toarchive", {}).get("$") == "on"]
    assert closable == [str(talk.pk)]
    zomro.archive(closable)
    with pytest.raises(RuntimeError):
        zomro.archive([str(other.pk)])  # an open ticket: an error toast, nothing archived
    archived, count = zomro.tickets("clientticket_archive")
    assert [row["id"]["$"] for row in archived] == [str(talk.pk)] and count == 1
    assert archived[0]["tstatus"]["$"] in TSTATUS_KEYS
    lists, _current = zomro.filter_settings("clientticket_archive.filter")
    assert "tstatus" in lists
    view = zomro.open(talk.pk)
    assert view["closed_ticket_user"]["$"] == "on"
    system = view["mlist"][0]["message"][-1]
    assert system["$type"] == "system" and system["body"]["$"] == "Ticket was moved to Archive"


def test_new_reply_alerts_from_the_dashboard(zomro, staff, conversation):
    """Container.jsx polls dashboard.tickets and alerts on a row whose tstatus.$ is
    "New replies"; opening the ticket clears it."""
    talk, other = conversation
    zomro.open(talk.pk)
    assert not any(
        t["tstatus"]["$"] == "New replies" for t in zomro.call("dashboard.tickets")["elem"]
    )
    actions.post_staff_reply(other, author=staff, body="Fixed")
    alerted = [t["id"]["$"] for t in zomro.call("dashboard.tickets")["elem"]
               if t["tstatus"]["$"] == "New replies"]  # fmt: skip
    assert alerted == [str(other.pk)]


def test_errors_carry_msg_dollar_for_the_toast(zomro):
    with pytest.raises(RuntimeError, match="."):
        zomro.open(999999)
    raw = zomro.http.post("/", data={"func": "clientticket", "out": "json", "auth": "gone"})
    assert json.loads(raw.content)["doc"]["error"]["msg"]["$"]
