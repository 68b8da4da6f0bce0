"""ticket.edit / ticket_all.edit: the form, and sok=ok applying every parameter at once."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpdesk.incidents.actions import incidents_left
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Service, Ticket
from helpdesk.violations.models import Violation
from tests.factories import DepartmentFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def edit(api, user, ticket, **params):
    return api("ticket.edit", as_user=user, elid=ticket.pk, post=True, **params)


class TestView:
    def test_shows_fields_lists_and_messages(self, api, staff, ticket, provider):
        actions.add_note(ticket, author=staff, body="internal")
        doc = api("ticket.edit", as_user=staff, elid=ticket.pk).doc
        assert doc["id"]["$"] == doc["plid"]["$"] == str(ticket.pk)
        assert doc["name"]["$"] == "Website is down"
        lists = {node["$name"]: node["val"] for node in doc["slist"]}
        assert {"ticket_item", "ticket_project_select", "client_department", "priority",
                "client_priority"} <= set(lists)  # fmt: skip
        hostco = {"$key": str(provider.pk), "$": "HostCo", "$plainval": "HostCo"}
        assert hostco in lists["ticket_project_select"]
        messages = doc["mlist"][0]["message"]
        assert [m["$type"] for m in messages] == ["incoming", "note"]
        assert messages[0]["message"]["$"] == "My site returns **502**."
        assert messages[0]["message_user"]["$"] and messages[0]["date_post"]["$"]

    def test_blocks_the_ticket_and_clears_unread(self, api, staff, ticket):
        assert ticket.unread_by_staff
        api("ticket.edit", as_user=staff, elid=ticket.pk)
        ticket.refresh_from_db()
        assert ticket.blocked_by == staff and not ticket.unread_by_staff
        assert ticket.status == Ticket.Status.UNDER_REVIEW

    def test_in_xml_messages_carry_id_and_type(self, api, staff, ticket):
        doc = api("ticket_all.edit", as_user=staff, elid=ticket.pk, out="xml").doc
        message = doc.find("mlist/message")
        assert message.get("type") == "incoming" and message.get("id")
        assert doc.find("slist[@name='priority']/val[@key='2']").text == "high"

    def test_hidden_messages_are_marked_for_staff(self, api, staff, ticket):
        reply = actions.post_staff_reply(ticket, author=staff, body="oops")
        api("ticket.message.delete", as_user=staff, elid=reply.pk, plid=ticket.pk)
        messages = api("ticket.edit", as_user=staff, elid=ticket.pk).doc["mlist"][0]["message"]
        assert messages[-1]["hidden"] == {"$": "on"}
        assert "hidden" not in messages[0]

    def test_other_departments_tickets_are_missed(self, api, staff2, ticket):
        answer = api("ticket.edit", as_user=staff2, elid=ticket.pk)
        assert answer.error_kind() == ("missed", "elid")

    def test_runs_the_same_queries_for_5_and_50_messages(self, api, staff, ticket):
        def count():
            with CaptureQueriesContext(connection) as captured:
                assert api("ticket.edit", as_user=staff, elid=ticket.pk).error is None
            return len(captured.captured_queries)

        for number in range(4):
            actions.post_client_message(ticket, author=ticket.created_by, body=f"m{number}",
                                        files=[SimpleUploadedFile("a.txt", b"a")])  # fmt: skip
        count()  # the first view takes the block (one more write); both below find it held
        five = count()
        for number in range(45):
            actions.add_note(ticket, author=staff, body=f"n{number}")
        assert count() == five


class TestSave:
    def test_a_reply_with_ok_closes_the_ticket(self, api, staff, ticket):
        answer = edit(api, staff, ticket, sok="ok", clicked_button="ok", message="Fixed.")
        assert "ok" in answer.doc and answer.doc["id"]["$"] == str(ticket.pk)
        ticket.refresh_from_db()
        assert ticket.status == Ticket.Status.CLOSED and not ticket.in_queue
        assert ticket.messages.last().kind == Message.Kind.OUTCOMING

    def test_ok_without_a_reply_closes_the_ticket(self, api, staff, ticket):
        answer = edit(api, staff, ticket, sok="ok", clicked_button="ok")
        assert "ok" in answer.doc
        ticket.refresh_from_db()
        assert ticket.status == Ticket.Status.CLOSED and not ticket.in_queue
        assert ticket.messages.last().kind == Message.Kind.INCOMING

    def test_ok_with_only_a_note_closes_the_ticket(self, api, staff, ticket):
        edit(api, staff, ticket, sok="ok", clicked_button="ok", note_message="Duplicate.")
        ticket.refresh_from_db()
        assert ticket.status == Ticket.Status.CLOSED
        assert ticket.messages.last().kind == Message.Kind.NOTE

    def test_a_refused_part_leaves_the_ticket_open(self, api, staff, ticket):
        answer = edit(api, staff, ticket, sok="ok", clicked_button="ok", priority="9")
        assert answer.error is not None
        ticket.refresh_from_db()
        assert ticket.in_queue and ticket.status != Ticket.Status.CLOSED

    def test_without_ok_nothing_closes(self, api, staff, ticket):
        edit(api, staff, ticket, sok="ok", name="Renamed")
        ticket.refresh_from_db()
        assert ticket.in_queue and ticket.subject == "Renamed"

    def test_a_reply_with_ok_message_stays_in_the_queue(self, api, staff, ticket):
        edit(api, staff, ticket, sok="ok", clicked_button="ok_message", message="Looking.")
        ticket.refresh_from_db()
        assert ticket.in_queue and ticket.status == Ticket.Status.AWAITING_RESPONSE

    def test_a_note_stays_internal(self, api, staff, client_user, ticket):
        edit(api, staff, ticket, sok="ok", show_optional="on", note_message="Check logs")
        assert ticket.messages.last().kind == Message.Kind.NOTE
        view = api("clientticket.edit", as_user=client_user, elid=ticket.pk).doc
        assert all(m["$type"] != "note" for m in view["mlist"][0]["message"])

    def test_every_parameter_at_once(self, api, staff, ticket, acme, provider, settings):
        service = ServiceFactory(client=acme, provider=provider)
        moved_to = DepartmentFactory(provider=provider, name="Second line")
        answer = edit(
            api, staff, ticket, sok="ok", name="Renamed", ticket_item=service.pk,
            ticket_project_select=provider.pk, client_department=moved_to.pk, priority="2",
            client_priority="0", high_priority="on", ticket_expense="12.50",
            expense_comment="Restore", incident_count="3", show_abuse="on", score="5",
            score_note="Spam", action="suspend", deadline_date="2030-01-02",
            deadline_time="10:30", message="Done", note_message="All set",
        )  # fmt: skip
        assert answer.error is None, answer.doc
        ticket.refresh_from_db()
        assert (ticket.subject, ticket.service, ticket.department) == ("Renamed", service, moved_to)
        assert (ticket.priority, ticket.client_priority, ticket.high_priority) == (2, 0, True)
        assert ticket.deadline_manual and ticket.deadline.strftime("%Y-%m-%d %H:%M") == (
            "2030-01-02 10:30"
        )
        assert acme.balance() == Decimal("-12.50") and incidents_left(acme, provider) == 3
        violation = Violation.objects.get(ticket=ticket)
        assert (violation.score, violation.action) == (5, Violation.Action.SUSPEND_SERVICE)
        assert Service.objects.get(pk=service.pk).status == Service.Status.SUSPENDED
        kinds = list(ticket.messages.values_list("kind", flat=True))
        assert kinds[-2:] == ["system", "outcoming"] and "note" in kinds

    def test_one_bad_part_applies_nothing(self, api, staff, ticket, acme):
        before = Ticket.objects.values().get(pk=ticket.pk)
        answer = edit(api, staff, ticket, sok="ok", name="Renamed", message="Reply",
                      note_message="Note", ticket_expense="-5")  # fmt: skip
        assert answer.error_kind() == ("value", "ticket_expense")
        assert Ticket.objects.values().get(pk=ticket.pk) == before
        assert ticket.messages.count() == 1 and acme.balance() == 0

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"name": ""}, "name"),
            ({"priority": "high"}, "priority"),
            ({"high_priority": "maybe"}, "high_priority"),
            ({"high_priority": "on", "low_priority": "on"}, "high_priority"),
            ({"ticket_item": "999999"}, "ticket_item"),
            ({"client_department": "999999"}, "client_department"),
            ({"deadline_date": "2030-13-45"}, "deadline_date"),
            ({"deadline_date": "2030-01-02", "deadline_time": "25:99"}, "deadline_time"),
            ({"incident_count": "0"}, "incident_count"),
            ({"show_abuse": "on", "score": "-1"}, "score"),
            ({"show_abuse": "on", "score": "1", "action": "explode"}, "action"),
            ({"message": "x", "seen_message": "abc"}, "seen_message"),
        ],
    )
    def test_bad_values_are_value_errors(self, api, staff, ticket, params, field):
        answer = edit(api, staff, ticket, sok="ok", **params)
        assert answer.error_kind() == ("value", field)

    def test_another_clients_service_is_refused(self, api, staff, ticket, globex, provider):
        foreign = ServiceFactory(client=globex, provider=provider)
        answer = edit(api, staff, ticket, sok="ok", ticket_item=foreign.pk)
        assert answer.error_kind() == ("value", "ticket_item")

    def test_a_provider_without_its_department_is_refused(self, api, staff, ticket):
        other = DepartmentFactory(name="Elsewhere")
        answer = edit(api, staff, ticket, sok="ok", ticket_project_select=other.provider_id)
        assert answer.error_kind() == ("value", "client_department")

    def test_an_empty_deadline_date_clears_a_manual_deadline(self, api, staff, ticket):
        edit(api, staff, ticket, sok="ok", deadline_date="2030-01-02")
        edit(api, staff, ticket, sok="ok", deadline_date="")
        ticket.refresh_from_db()
        assert not ticket.deadline_manual

    def test_a_stale_reply_is_not_sent(self, api, staff, ticket):
        seen = ticket.messages.last().pk
        actions.post_client_message(ticket, author=ticket.created_by, body="one more thing")
        answer = edit(api, staff, ticket, sok="ok", message="Answer", seen_message=seen)
        assert answer.error_kind() == ("exists", "message")
        assert not ticket.messages.filter(kind=Message.Kind.OUTCOMING).exists()

    def test_a_note_and_a_reply_in_one_call_are_not_stale(self, api, staff, ticket):
        """The note this call writes first is no "newer message" for its own reply."""
        seen = ticket.messages.last().pk
        answer = edit(api, staff, ticket, sok="ok", note_message="Checked the logs",
                      message="Fixed now", seen_message=seen)  # fmt: skip
        assert answer.error is None
        kinds = list(ticket.messages.order_by("id").values_list("kind", flat=True))
        assert kinds[-2:] == [Message.Kind.NOTE, Message.Kind.OUTCOMING]

    def test_parameters_note_and_reply_lock_the_ticket_once(self, api, staff, ticket):
        with CaptureQueriesContext(connection) as queries:
            answer = edit(api, staff, ticket, sok="ok", name="Site down", priority="2",
                          note_message="Checked", message="Fixed now")  # fmt: skip
        assert answer.error is None
        locks = [
            q["sql"] for q in queries if "tickets_ticket" in q["sql"] and "FOR UPDATE" in q["sql"]
        ]
        if connection.features.has_select_for_update:
            assert len(locks) == 1, locks
        ticket.refresh_from_db()
        assert ticket.subject == "Site down" and ticket.messages.count() == 3

    def test_a_stale_reply_with_a_note_writes_neither(self, api, staff, ticket):
        seen = ticket.messages.last().pk
        actions.post_client_message(ticket, author=ticket.created_by, body="one more thing")
        answer = edit(api, staff, ticket, sok="ok", note_message="N", message="Answer",
                      seen_message=seen)  # fmt: skip
        assert answer.error_kind() == ("exists", "message")
        assert not ticket.messages.filter(kind=Message.Kind.NOTE).exists()

    def test_files_are_attached_to_the_reply(self, api, staff, ticket):
        files = {"file_1": SimpleUploadedFile("log.txt", b"hello"),
                 "file_2": SimpleUploadedFile("b.png", b"\x89PNG")}  # fmt: skip
        answer = api("ticket.edit", as_user=staff, elid=ticket.pk, sok="ok", message="See",
                     files=files, out="xml")  # fmt: skip
        assert answer.doc.find("ok") is not None
        reply = ticket.messages.last()
        assert sorted(reply.attachments.values_list("name", flat=True)) == ["b.png", "log.txt"]

    def test_files_without_a_reply_or_note_are_refused(self, api, staff, ticket):
        answer = api("ticket.edit", as_user=staff, elid=ticket.pk, sok="ok",
                     files={"file_1": SimpleUploadedFile("a.txt", b"a")})  # fmt: skip
        assert answer.error_kind() == ("value", "file_1")
