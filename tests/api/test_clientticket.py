"""The client's functions: lists, filter, new ticket, view and reply, archive, incidents."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.markdown_corpus import CORPUS
from helpdesk.api import sessions
from helpdesk.incidents.actions import grant_incidents, incidents_left
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.filters import saved_params
from helpdesk.tickets.models import SavedFilter, Ticket
from tests.factories import DepartmentFactory, ProviderFactory, ServiceFactory, add_balance

pytestmark = pytest.mark.django_db


def ids(answer):
    return [elem["id"]["$"] for elem in answer.elems]


class TestLists:
    def test_columns(self, api, client_user, staff, ticket):
        actions.post_staff_reply(ticket, author=staff, body="Answer")
        elem = api("clientticket", as_user=client_user).elems[0]
        assert elem["name"]["$"] == "Website is down"
        assert elem["tstatus"] == {"$": "New replies", "$orig": "2"}, "BILLmanager's own label"
        assert elem["unread"] == {"$": "on"}
        assert elem["create_user"]["$"] and elem["last_message"]["$"]
        assert int(elem["last_message_utc"]["$"]) == int(
            ticket.messages.last().created_at.timestamp()
        )
        assert "wait_time" in elem and "toarchive" not in elem

    def test_status_labels_are_billmanagers_in_every_language(self, api, client_user, staff,
                                                              open_ticket):  # fmt: skip
        _waiting, read, closed = open_ticket("a"), open_ticket("b"), open_ticket("c")
        for answered in (read, closed):
            actions.post_staff_reply(answered, author=staff, body="Answer")
        actions.open_for_client(read, reader=client_user)
        actions.close_tickets([closed], by=staff)
        rows = {elem["name"]["$"]: elem for elem in
                api("clientticket", as_user=client_user, lang="es").elems}  # fmt: skip
        assert rows["a"]["tstatus"]["$"] == "In progress"
        assert rows["b"]["tstatus"]["$"] == "Waiting to reply"
        assert rows["c"]["tstatus"]["$"] == "closed"
        assert rows["c"]["toarchive"] == {"$": "on"} and "toarchive" not in rows["a"]

    def test_the_dashboard_lists_tickets_with_new_replies(self, api, client_user, staff, ticket):
        assert api("dashboard.tickets", as_user=client_user).doc["elem"][0]["tstatus"]["$"] == (
            "In progress"
        )
        actions.post_staff_reply(ticket, author=staff, body="Answer")
        rows = api("dashboard.tickets", as_user=client_user).doc["elem"]
        assert any(row["tstatus"]["$"] == "New replies" for row in rows)
        assert api("dashboard.tickets", as_user=staff).error_kind()[0] == "access"

    def test_in_xml_tstatus_carries_orig(self, api, client_user, ticket):
        doc = api("clientticket", as_user=client_user, out="xml").doc
        assert doc.find("elem/tstatus").get("orig") == "0"
        assert doc.find("elem/id").text == str(ticket.pk)

    def test_only_own_tickets(self, api, client_user, client2_user, ticket):
        assert api("clientticket", as_user=client2_user).elems == []
        assert ids(api("clientticket", as_user=client_user)) == [str(ticket.pk)]

    def test_archived_tickets_are_in_the_archive_list(self, api, client_user, staff, open_ticket):
        active, old = open_ticket("active"), open_ticket("old")
        actions.close_tickets([old], by=staff)
        actions.archive_tickets([old], by=client_user)
        assert ids(api("clientticket", as_user=client_user)) == [str(active.pk)]
        archived = api("clientticket_archive", as_user=client_user)
        assert ids(archived) == [str(old.pk)]
        assert archived.elems[0]["tstatus"]["$orig"] == "10"

    def test_paging(self, api, client_user, open_ticket):
        for number in range(3):
            open_ticket(f"t{number}")
        page = api("clientticket", as_user=client_user, p_cnt="2", p_num="2", out="xml").doc
        assert len(page.findall("elem")) == 1 and page.find("p_elems").text == "3"

    def test_same_queries_for_5_and_50_tickets(self, api, client_user, open_ticket):
        def count():
            with CaptureQueriesContext(connection) as captured:
                assert api("clientticket", as_user=client_user).error is None
            return len(captured.captured_queries)

        for number in range(5):
            open_ticket(f"t{number}")
        five = count()
        for number in range(45):
            open_ticket(f"more {number}")
        assert len(api("clientticket", as_user=client_user).elems) == 50
        assert count() == five


class TestFilter:
    def test_save_show_apply_reset(self, api, client_user, open_ticket):
        wanted = open_ticket("Invoice question")
        open_ticket("Other")
        assert "ok" in api("clientticket.filter", as_user=client_user, sok="ok",
                           subject="invoice").doc  # fmt: skip
        assert api("clientticket.filter", as_user=client_user).doc["subject"]["$"] == "invoice"
        assert ids(api("clientticket", as_user=client_user)) == [str(wanted.pk)]
        api("clientticket.filter", as_user=client_user, reset="on")
        assert len(api("clientticket", as_user=client_user).elems) == 2

    def test_bad_values_save_nothing(self, api, client_user):
        answer = api("clientticket.filter", as_user=client_user, sok="ok", status="42")
        assert answer.error_kind() == ("value", "status")
        assert saved_params(client_user, SavedFilter.Kind.CLIENT) == {}


class TestNewTicket:
    def test_the_form_lists_departments_and_services(self, api, client_user, tech, provider):
        service = ServiceFactory(client=client_user.client, provider=provider)
        ServiceFactory(provider=provider)  # another client's
        hidden = DepartmentFactory(provider=provider, shown_to_clients=False)
        doc = api("clientticket.edit", as_user=client_user).doc
        lists = {node["$name"]: [v["$key"] for v in node["val"]] for node in doc["slist"]}
        assert lists["client_department"] == [str(tech.pk)] and str(hidden.pk) not in lists
        assert lists["ticket_item"] == ["", str(service.pk)]
        assert doc["incidents_left"]["$"] == "0"

    @pytest.mark.parametrize("subject_param", ["name", "subject"])
    def test_creates_a_ticket(self, api, client_user, tech, provider, subject_param):
        service = ServiceFactory(client=client_user.client, provider=provider)
        answer = api("clientticket.edit", as_user=client_user, sok="ok", post=True,
                     client_department=tech.pk, ticket_item=service.pk, client_priority="2",
                     message="Help", **{subject_param: "VPS down"},
                     files={"file_1": SimpleUploadedFile("x.log", b"log")})  # fmt: skip
        created = Ticket.objects.get(pk=answer.doc["id"]["$"])
        assert (created.subject, created.service) == ("VPS down", service)
        assert created.client_priority == 2
        assert created.in_queue and created.messages.get().attachments.count() == 1

    def test_in_xml(self, api, client_user, tech):
        answer = api("clientticket.edit", as_user=client_user, sok="ok", out="xml",
                     client_department=tech.pk, subject="S", message="M")  # fmt: skip
        assert answer.doc.find("ok") is not None and answer.doc.find("id").text.isdigit()

    @pytest.mark.parametrize(
        ("params", "field"),
        [({"client_department": ""}, "client_department"),
         ({"client_department": "999"}, "client_department"),
         ({"subject": ""}, "name"), ({"message": ""}, "message"),
         ({"ticket_item": "999"}, "ticket_item"), ({"client_priority": "5"}, "client_priority")],
    )  # fmt: skip
    def test_bad_values_create_nothing(self, api, client_user, tech, params, field):
        data = {"client_department": tech.pk, "subject": "S", "message": "M", **params}
        answer = api("clientticket.edit", as_user=client_user, sok="ok", **data)
        assert answer.error_kind() == ("value", field)
        assert not Ticket.objects.exists()

    def test_another_clients_service_is_refused(self, api, client_user, tech, provider):
        foreign = ServiceFactory(provider=provider)
        answer = api("clientticket.edit", as_user=client_user, sok="ok", subject="S",
                     message="M", client_department=tech.pk, ticket_item=foreign.pk)  # fmt: skip
        assert answer.error_kind() == ("value", "ticket_item")

    def test_a_paid_department_needs_an_incident(self, api, client_user, billing, staff, provider):
        data = {"sok": "ok", "subject": "S", "message": "M", "client_department": billing.pk}
        refused = api("clientticket.edit", as_user=client_user, **data)
        assert refused.error_kind() == ("value", "client_department")
        assert not Ticket.objects.exists()
        grant_incidents(client_user.client, count=1, by=staff, provider=provider)
        assert api("clientticket.edit", as_user=client_user, **data).error is None
        assert incidents_left(client_user.client, provider) == 0

    def test_another_providers_incident_is_not_spent_here(self, api, client_user, billing):
        cheap = ProviderFactory(name="CheapHost", incident_price=Decimal("1.00"))
        add_balance(client_user.client, "5.00")
        bought = api("incident", as_user=client_user, project=cheap.pk, count="1")
        assert bought.error is None and bought.doc["incidents_left"]["$"] == "1"
        data = {"sok": "ok", "subject": "S", "message": "M", "client_department": billing.pk}
        refused = api("clientticket.edit", as_user=client_user, **data)
        assert refused.error_kind() == ("value", "client_department")
        assert not Ticket.objects.exists()
        assert incidents_left(client_user.client, cheap) == 1


class TestViewAndReply:
    def test_view_hides_notes_and_clears_unread(self, api, client_user, staff, ticket):
        actions.post_staff_reply(ticket, author=staff, body="Answer")
        actions.add_note(ticket, author=staff, body="secret")
        doc = api("clientticket.edit", as_user=client_user, elid=ticket.pk).doc
        kinds = [message["$type"] for message in doc["mlist"][0]["message"]]
        assert kinds == ["incoming", "outcoming"]
        assert "secret" not in str(doc)
        ticket.refresh_from_db()
        assert not ticket.unread_by_client

    def test_the_view_has_what_client_areas_read(self, api, client, client_user, staff, ticket):
        """As the Zomro client area reads clientticket.edit (OpenedTicket, MessageItem)."""
        actions.post_staff_reply(
            ticket,
            author=staff,
            body="Here is the log",
            files=[SimpleUploadedFile("nginx.log", b"502 at 12:00")],
        )
        doc = api("clientticket.edit", as_user=client_user, elid=ticket.pk).doc
        assert doc["subject"] == {"$": "Website is down"} and "closed_ticket_user" not in doc
        assert doc["mlist"][0]["fm_date_post"]["$"].startswith(str(ticket.created_at.year))
        first, reply = doc["mlist"][0]["message"]
        assert first["body"]["$"] == "My site returns **502**." and "rates" not in first
        assert reply["user"]["realname"]["$"] == staff.get_full_name()
        assert reply["rates"] == {"rate": {"$name": ""}}
        (file,) = reply["file"]
        assert file["name"]["$"] == "nginx.log"
        sid = sessions.start_session(client_user).session_key
        download = client.get("/billmgr", {"func": "ticket.file", "elid": file["param"]["$"],
                                           "auth": sid})  # fmt: skip
        assert b"".join(download.streaming_content) == b"502 at 12:00"
        api("ticket.message.rate.good", as_user=client_user, elid=reply["$id"], plid=ticket.pk)
        rated = api("clientticket.edit", as_user=client_user, elid=ticket.pk).doc
        assert rated["mlist"][0]["message"][1]["rates"] == {"rate": {"$name": "good"}}

    def test_an_archived_ticket_opens_read_only_with_its_system_message(
        self, api, client_user, staff, ticket
    ):
        actions.close_tickets([ticket], by=staff)
        actions.archive_tickets([ticket], by=client_user)
        doc = api("clientticket.edit", as_user=client_user, elid=ticket.pk).doc
        assert doc["closed_ticket_user"] == {"$": "on"}
        system = doc["mlist"][0]["message"][-1]
        assert system["$type"] == "system" and system["body"]["$"] == "Ticket was moved to Archive"

    def test_reply_reopens_an_archived_ticket(self, api, client_user, staff, ticket):
        actions.close_tickets([ticket], by=staff)
        actions.archive_tickets([ticket], by=client_user)
        answer = api("clientticket.edit", as_user=client_user, elid=ticket.pk, sok="ok",
                     message="It broke again", out="xml")  # fmt: skip
        assert answer.doc.find("ok") is not None
        ticket.refresh_from_db()
        assert ticket.in_queue and ticket.status == Ticket.Status.UNDER_REVIEW
        assert ticket.messages.filter(kind="system", body__contains="Archive").count() == 2

    def test_a_pathological_reply_is_posted_and_shown(self, api, client_user, ticket):
        text = CORPUS["`a⏎: b⏎` × N (definition lists)"]
        answer = api("clientticket.edit", as_user=client_user, elid=ticket.pk, sok="ok",
                     message=text, post=True)  # fmt: skip
        assert answer.error is None
        assert ticket.messages.filter(body=text.strip()).exists()
        assert api("clientticket.edit", as_user=client_user, elid=ticket.pk).error is None

    def test_another_clients_ticket_is_missed_like_a_missing_one(self, api, client2_user,
                                                                 ticket):  # fmt: skip
        for params in ({}, {"sok": "ok", "message": "hi"}):
            mine = api("clientticket.edit", as_user=client2_user, elid=ticket.pk, **params)
            none = api("clientticket.edit", as_user=client2_user, elid=ticket.pk + 1000, **params)
            assert mine.error_kind() == none.error_kind() == ("missed", "elid")
        assert ticket.messages.count() == 1


class TestArchive:
    def test_archives_closed_tickets_with_a_system_message(self, api, client_user, staff,
                                                           open_ticket):  # fmt: skip
        first, second = open_ticket("a"), open_ticket("b")
        actions.close_tickets([first, second], by=staff)
        answer = api("clientticket.archive", as_user=client_user, sok="ok",
                     elid=f"{first.pk}, {second.pk}")  # fmt: skip
        assert "ok" in answer.doc
        assert set(Ticket.objects.values_list("status", flat=True)) == {Ticket.Status.ARCHIVED}
        assert Message.objects.filter(kind="system").count() == 2

    def test_refuses_open_tickets_and_changes_nothing(self, api, client_user, staff, open_ticket):
        closed, still_open = open_ticket("a"), open_ticket("b")
        actions.close_tickets([closed], by=staff)
        answer = api("clientticket.archive", as_user=client_user,
                     elid=f"{closed.pk},{still_open.pk}", out="xml")  # fmt: skip
        assert answer.error_kind() == ("value", "elid")
        closed.refresh_from_db()
        assert closed.status == Ticket.Status.CLOSED

    def test_another_clients_ticket_is_missed(self, api, client2_user, staff, ticket):
        actions.close_tickets([ticket], by=staff)
        answer = api("clientticket.archive", as_user=client2_user, elid=ticket.pk)
        assert answer.error_kind() == ("missed", "elid")


class TestIncident:
    @pytest.fixture
    def paid(self, billing, client_user):
        add_balance(client_user.client, "25.00")
        return billing

    def test_buys_incidents_from_the_balance(self, api, client_user, paid):
        answer = api("incident", as_user=client_user, count="2", post=True)
        assert answer.doc["incidents_left"]["$"] == "2"
        assert client_user.client.balance() == Decimal("5.00")

    def test_the_form(self, api, client_user, paid, provider):
        doc = api("incident", as_user=client_user, out="xml").doc
        assert doc.find("price").text == "10.00" and doc.find("balance").text == "25.00"
        assert doc.find("project").text == str(provider.pk)

    def test_a_short_balance_changes_nothing(self, api, client_user, paid, provider):
        answer = api("incident", as_user=client_user, count="3")
        assert answer.error_kind() == ("value", "count")
        assert client_user.client.balance() == Decimal("25.00")
        assert incidents_left(client_user.client, provider) == 0

    @pytest.mark.parametrize("count", ["0", "-1", "abc", "100000"])
    def test_bad_counts(self, api, client_user, paid, count):
        assert api("incident", as_user=client_user, count=count).error_kind() == ("value", "count")

    def test_project_picks_the_provider(self, api, client_user, paid):
        cheap = ProviderFactory(name="Cheap", incident_price=Decimal("1.00"))
        answer = api("incident", as_user=client_user, count="3", project=cheap.pk)
        assert answer.error is None
        assert client_user.client.balance() == Decimal("22.00")
        unknown = api("incident", as_user=client_user, count="1", project="99999")
        assert unknown.error_kind() == ("value", "project")


def test_client_functions_in_xml(api, client_user, staff, ticket):
    actions.post_staff_reply(ticket, author=staff, body="Answer", close=True)
    api("clientticket.archive", as_user=client_user, elid=ticket.pk)
    archive = api("clientticket_archive", as_user=client_user, out="xml", p_cnt="1").doc
    assert archive.find("elem/id").text == str(ticket.pk)
    assert archive.find("p_elems").text == "1"
    saved = api("clientticket.filter", as_user=client_user, sok="ok", status="3", out="xml")
    assert saved.doc.find("ok") is not None
    form = api("clientticket.filter", as_user=client_user, out="xml").doc
    assert form.find("status").text == "3" and form.find("slist[@name='status']") is not None
    reply = ticket.messages.get(kind="outcoming")
    rated = api("ticket.message.rate.good", as_user=client_user, elid=reply.pk, out="xml")
    assert rated.doc.find("ok") is not None


def test_a_null_service_means_no_service_and_select_lists_carry_plainval(
    api, client_user, tech, provider
):
    """JavaScript client areas send a cleared select as "null" and show `$plainval`."""
    ServiceFactory(client=client_user.client, provider=provider, name="vps1.acme.example")
    form = api("clientticket.edit", as_user=client_user).doc
    services = next(each for each in form["slist"] if each["$name"] == "ticket_item")
    assert all(value["$plainval"] == value["$"] for value in services["val"])
    answer = api("clientticket.edit", as_user=client_user, sok="ok", subject="S", message="M",
                 client_department=tech.pk, ticket_item="null")  # fmt: skip
    assert answer.error is None
    assert Ticket.objects.get(pk=answer.doc["id"]["$"]).service is None


class TestBillmanagerFilterNames:
    """The Zomro client area's calls: clientticket.filter with BILLmanager's names."""

    def test_the_form_has_billmanagers_fields_and_lists(self, api, client_user):
        doc = api("clientticket.filter", as_user=client_user, lang="en").doc
        lists = {each["$name"]: each["val"] for each in doc["slist"]}
        assert {"tstatus", "abuse", "message_post"} <= set(lists)
        assert doc["message_post"]["$"] == "nodate" and doc["name"]["$"] == ""

    def test_name_and_several_statuses_filter_both_lists(
        self, api, client_user, open_ticket, staff
    ):
        wanted = open_ticket("Invoice question")
        open_ticket("Invoice closed")
        open_ticket("Other")
        closed = open_ticket("Invoice archived")
        actions.post_staff_reply(closed, author=staff, body="Done", close=True)
        api("clientticket.archive", as_user=client_user, elid=closed.pk)
        saved = api("clientticket.filter", as_user=client_user, sok="ok", name="invoice",
                    tstatus=f"{Ticket.Status.NEW},{Ticket.Status.CLOSED}",
                    message_post="nodate", message_poststart="", message_postend="", id="",
                    message="", abuse="")  # fmt: skip
        assert "ok" in saved.doc and saved.doc["name"]["$"] == "invoice"
        assert sorted(each["$"] for each in saved.doc["tstatus"]) == ["0", "3"]
        assert str(wanted.pk) in ids(api("clientticket", as_user=client_user))
        assert "Other" not in str(api("clientticket", as_user=client_user).doc)
        assert ids(api("clientticket_archive", as_user=client_user)) == [str(closed.pk)]
        api("clientticket_archive.filter", as_user=client_user, sok="ok", name="nothing")
        assert ids(api("clientticket_archive", as_user=client_user)) == []
        api("clientticket_archive.filter", as_user=client_user, reset="on")
        assert len(api("clientticket", as_user=client_user).elems) == 3

    def test_a_bad_status_saves_nothing(self, api, client_user):
        answer = api("clientticket.filter", as_user=client_user, sok="ok", tstatus="1,99")
        assert answer.error_kind() == ("value", "status")
        assert saved_params(client_user, SavedFilter.Kind.CLIENT) == {}

    def test_zomros_dates_and_its_reset(self, api, client_user, open_ticket):
        today = open_ticket("Today").created_at.date().isoformat()
        api("clientticket.filter", as_user=client_user, sok="ok", message_post="other",
            message_poststart="2001-01-01", message_postend="2001-01-02")  # fmt: skip
        form = api("clientticket.filter", as_user=client_user).doc
        assert form["message_post"]["$"] == "other" and form["message_postend"]["$"] == "2001-01-02"
        assert ids(api("clientticket", as_user=client_user)) == []
        api("clientticket.filter", as_user=client_user, sok="ok", message_post="other",
            message_poststart=today, message_postend=today)  # fmt: skip
        assert len(ids(api("clientticket", as_user=client_user))) == 1
        clear = {"id": "", "message": "", "name": "", "abuse": "null", "tstatus": "",
                 "message_post": "nodate", "message_poststart": "", "message_postend": "",
                 "p_cnt": "10"}  # fmt: skip
        reset = api("clientticket.filter", as_user=client_user, sok="ok", **clear)
        assert "ok" in reset.doc and reset.doc["message_post"]["$"] == "nodate"
        assert len(ids(api("clientticket", as_user=client_user))) == 1


def test_a_ticket_about_a_service_opens_with_billmanagers_info_block(
    api, client, client_user, staff, open_ticket, provider
):
    """Zomro's OpenedTicket shows `mlist[0].message[0].rowgroup[0].row[0]` of an `info`
    first block as "Service related", and loads each message's avatar from its address."""
    service = ServiceFactory(client=client_user.client, provider=provider, name="vps1")
    ticket = open_ticket(service=service)
    actions.post_staff_reply(ticket, author=staff, body="Rebooted")
    info, first, reply = api("clientticket.edit", as_user=client_user, elid=ticket.pk).doc["mlist"][
        0
    ]["message"]
    assert info["$type"] == "info" and info["rowgroup"][0]["row"][0]["$"] == str(service)
    assert first["avatar"]["$"] != reply["avatar"]["$"]
    picture = client.get("/billmgr" + reply["avatar"]["$"])
    assert picture.status_code == 302 and picture.url.endswith(".svg")
    plain = api("clientticket.edit", as_user=client_user, elid=open_ticket().pk).doc
    assert [each["$type"] for each in plain["mlist"][0]["message"]] == ["incoming"]


def test_the_service_list_narrows_to_the_typed_text(api, client_user, provider):
    """The new-ticket form's service search: sv_field=ticket_item&sv_autocomplete=yes."""
    vps = ServiceFactory(client=client_user.client, provider=provider, name="vps1.acme.example")
    ServiceFactory(client=client_user.client, provider=provider, name="mail.acme.example")
    form = api("clientticket.edit", as_user=client_user, sv_field="ticket_item",
               sv_autocomplete="yes", ticket_item="VPS").doc  # fmt: skip
    services = next(each for each in form["slist"] if each["$name"] == "ticket_item")
    assert [value["$key"] for value in services["val"]] == ["", str(vps.pk)]


def test_a_split_off_ticket_shows_its_last_message_in_the_list(api, client_user, staff, ticket):
    actions.post_staff_reply(ticket, author=staff, body="Which page?")
    later = actions.post_client_message(ticket, author=client_user, body="Another problem")
    new = actions.split_ticket(ticket, message=later, by=staff)
    row = next(elem for elem in api("clientticket", as_user=client_user).elems
               if elem["id"]["$"] == str(new.pk))  # fmt: skip
    assert row["last_message"]["$"] and int(row["last_message_utc"]["$"]) > 0


@pytest.mark.parametrize(
    ("persona", "lists"),
    [
        ("client_user", ["clientticket", "clientticket_archive"]),
        ("staff", ["ticket", "ticket_all", "ticket_favorite", "abuse_task", "anstempl",
                   "report.support"]),
    ],
)  # fmt: skip
def test_the_menu_names_the_support_lists_the_caller_may_open(request, api, persona, lists):
    """The Zomro client area shows its support section only when `menu` lists it."""
    doc = api("menu", as_user=request.getfixturevalue(persona)).doc
    (support,) = doc["mainmenu"]["node"]
    assert support["$name"] == "support"
    assert [node["$name"] for node in support["node"]] == lists
