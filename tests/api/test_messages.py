"""Messages through the API: list, edit, hide/show, split, rate, download attachments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk.messages.models import Attachment, Message, MessageRevision
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(ticket, staff, client_user):
    """incoming (first), outcoming, note, incoming."""
    reply = actions.post_staff_reply(ticket, author=staff, body="Try a restart")
    note = actions.add_note(ticket, author=staff, body="internal")
    last = actions.post_client_message(ticket, author=client_user, body="Still down")
    return ticket.messages.first(), reply, note, last


class TestList:
    @pytest.mark.parametrize("func", ["ticket.message", "ticket_all.message"])
    def test_oldest_first_with_first_message_on_every_row(self, api, staff, ticket, thread, func):
        elems = api(func, as_user=staff, elid=ticket.pk).elems
        assert [elem["id"]["$"] for elem in elems] == [str(m.pk) for m in thread]
        assert elems[0]["first_message"] == {"$": "on"}
        assert all(elem["first_message"] == {"$": "off"} for elem in elems[1:])
        assert elems[2]["type"]["$"] == "note" and elems[-1]["message"]["$"] == "Still down"
        assert elems[-1]["message_user"]["$"] and elems[-1]["date_post"]["$"]

    def test_in_xml(self, api, staff, ticket, thread):
        doc = api("ticket_all.message", as_user=staff, elid=ticket.pk, out="xml").doc
        assert [node.text for node in doc.findall("elem/message")][0] == "My site returns **502**."

    def test_other_departments_ticket_is_missed(self, api, staff2, ticket):
        assert api("ticket.message", as_user=staff2, elid=ticket.pk).error_kind() == (
            "missed", "elid",
        )  # fmt: skip


class TestEdit:
    def test_without_sok_answers_the_current_text(self, api, staff, ticket, thread):
        _first, reply, _note, _last = thread
        doc = api("ticket.message.edit", as_user=staff, elid=reply.pk, plid=ticket.pk).doc
        assert doc["message"]["$"] == "Try a restart" and doc["plid"]["$"] == str(ticket.pk)

    def test_with_sok_edits_and_keeps_a_revision(self, api, staff, ticket, thread):
        _first, reply, _note, _last = thread
        answer = api("ticket.message.edit", as_user=staff, elid=reply.pk, plid=ticket.pk,
                     sok="ok", message="Try a reboot", out="xml")  # fmt: skip
        assert answer.doc.find("ok") is not None
        reply.refresh_from_db()
        assert reply.body == "Try a reboot" and "reboot" in reply.html
        assert MessageRevision.objects.get(message=reply).body == "Try a restart"

    def test_refusals(self, api, staff, ticket, thread, open_ticket):
        _first, reply, _note, _last = thread
        other = open_ticket("other")
        wrong_parent = api("ticket.message.edit", as_user=staff, elid=reply.pk, plid=other.pk)
        assert wrong_parent.error_kind() == ("missed", "elid")
        empty = api("ticket.message.edit", as_user=staff, elid=reply.pk, sok="ok", message=" ")
        assert empty.error_kind() == ("value", "message")
        assert Message.objects.get(pk=reply.pk).body == "Try a restart"

    def test_system_messages_cannot_be_edited(self, api, staff, ticket, thread):
        actions.close_tickets([ticket], by=staff)
        actions.post_client_message(ticket, author=ticket.created_by, body="back")
        system = ticket.messages.get(kind=Message.Kind.SYSTEM)
        answer = api("ticket.message.edit", as_user=staff, elid=system.pk, sok="ok",
                     message="rewritten")  # fmt: skip
        assert answer.error_kind() == ("value", "elid")
        assert Message.objects.get(pk=system.pk).body != "rewritten"


class TestHide:
    def test_hidden_from_the_client_kept_for_staff(self, api, staff, client_user, ticket, thread):
        _first, reply, _note, _last = thread
        answer = api("ticket.message.delete", as_user=staff, elid=reply.pk, plid=ticket.pk)
        assert "ok" in answer.doc
        seen = api("clientticket.edit", as_user=client_user, elid=ticket.pk).doc
        assert str(reply.pk) not in [m["$id"] for m in seen["mlist"][0]["message"]]
        staff_view = api("ticket.message", as_user=staff, elid=ticket.pk).elems
        hidden = next(elem for elem in staff_view if elem["id"]["$"] == str(reply.pk))
        assert hidden["hidden"] == {"$": "on"}
        assert Message.objects.get(pk=reply.pk).body == "Try a restart"

    def test_restore_shows_it_again(self, api, staff, ticket, thread):
        _first, reply, note, _last = thread
        api("ticket.message.delete", as_user=staff, elid=f"{reply.pk}, {note.pk}")
        assert Message.objects.filter(hidden=True).count() == 2
        api("ticket.message.restore", as_user=staff, elid=reply.pk, plid=ticket.pk)
        assert list(Message.objects.filter(hidden=True)) == [note]

    def test_system_messages_cannot_be_hidden(self, api, staff, ticket, thread):
        actions.close_tickets([ticket], by=staff)
        actions.post_client_message(ticket, author=ticket.created_by, body="back")
        system = ticket.messages.get(kind=Message.Kind.SYSTEM)
        answer = api("ticket.message.delete", as_user=staff, elid=system.pk, plid=ticket.pk)
        assert answer.error_kind() == ("value", "elid")
        assert not Message.objects.get(pk=system.pk).hidden


class TestSplit:
    def test_moves_the_message_and_later_ones(self, api, staff, ticket, thread):
        _first, reply, _note, _last = thread
        before = Message.objects.count()
        preview = api("ticket.split", as_user=staff, elid=reply.pk, plid=ticket.pk).doc
        assert preview["messages_moved"]["$"] == "3"
        answer = api("ticket.split", as_user=staff, elid=reply.pk, plid=ticket.pk, sok="ok")
        new_id = int(answer.doc["id"]["$"])
        assert Message.objects.count() == before + 2  # one system message in each ticket
        assert set(Ticket.objects.get(pk=new_id).messages.exclude(kind="system")) == set(thread[1:])
        assert f'"{new_id}"' in ticket.messages.filter(kind="system").get().body
        assert f'"{ticket.pk}"' in Message.objects.get(ticket_id=new_id, kind="system").body

    def test_the_first_message_cannot_be_split_off(self, api, staff, ticket, thread):
        answer = api("ticket.split", as_user=staff, elid=thread[0].pk, plid=ticket.pk, sok="ok")
        assert answer.error_kind() == ("value", "elid")

    def test_a_message_of_another_ticket_is_missed(self, api, staff, thread, open_ticket):
        other = open_ticket("other")
        answer = api("ticket.split", as_user=staff, elid=thread[1].pk, plid=other.pk, sok="ok")
        assert answer.error_kind() == ("missed", "elid")


class TestRate:
    def test_clients_rate_staff_replies(self, api, client_user, ticket, thread):
        _first, reply, _note, _last = thread
        good = api("ticket.message.rate.good", as_user=client_user, elid=reply.pk, plid=ticket.pk)
        assert "ok" in good.doc
        assert Message.objects.get(pk=reply.pk).rating == "good"
        api("ticket.message.rate.bad", as_user=client_user, elid=reply.pk, out="xml")
        assert Message.objects.get(pk=reply.pk).rating == "bad"

    def test_own_messages_and_notes_cannot_be_rated(self, api, client_user, ticket, thread):
        first, _reply, note, _last = thread
        own = api("ticket.message.rate.good", as_user=client_user, elid=first.pk)
        assert own.error_kind() == ("value", "elid")
        hidden_note = api("ticket.message.rate.good", as_user=client_user, elid=note.pk)
        assert hidden_note.error_kind() == ("missed", "elid")

    def test_another_clients_message_is_missed(self, api, client2_user, ticket, thread):
        answer = api("ticket.message.rate.good", as_user=client2_user, elid=thread[1].pk)
        assert answer.error_kind() == ("missed", "elid")


class TestFile:
    @pytest.fixture
    def attachment(self, ticket, staff):
        upload = SimpleUploadedFile("report.txt", b"disk is full")
        actions.post_staff_reply(ticket, author=staff, body="See file", files=[upload])
        return Attachment.objects.get()

    def test_streams_the_file_to_who_may_see_it(self, client, session_for, client_user,
                                                attachment, staff):  # fmt: skip
        for user in (client_user, staff):
            response = client.get("/billmgr", {"func": "ticket.file", "elid": attachment.pk,
                                               "auth": session_for(user)})  # fmt: skip
            assert b"".join(response.streaming_content) == b"disk is full"
            assert response["Content-Type"] == "text/plain"
            assert 'attachment; filename="report.txt"' in response["Content-Disposition"]

    def test_the_attachment_ids_are_in_the_form(self, api, client_user, ticket, attachment):
        doc = api("clientticket.edit", as_user=client_user, elid=ticket.pk).doc
        files = doc["mlist"][0]["message"][-1]["attachment"]
        assert files == [{"$id": str(attachment.pk), "$size": "12",
                          "$content_type": "text/plain", "$": "report.txt"}]  # fmt: skip

    def test_others_get_missed(self, api, client2_user, staff2, attachment):
        for user in (client2_user, staff2):
            answer = api("ticket.file", as_user=user, elid=attachment.pk)
            assert answer.error_kind() == ("missed", "elid")

    def test_a_hidden_messages_file_is_missed_for_the_client(self, api, client_user, staff,
                                                             attachment):  # fmt: skip
        api("ticket.message.delete", as_user=staff, elid=attachment.message_id)
        answer = api("ticket.file", as_user=client_user, elid=attachment.pk, out="xml")
        assert answer.error_kind() == ("missed", "elid")
