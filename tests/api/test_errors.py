"""Bad input: every answer is a doc.error in an HTTP 200, nothing changes, never a 500."""

import pytest

from helpdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("out", ["json", "xml", "sjson"])
def test_an_unknown_function_is_a_missed_error_not_a_404(api, staff, out):
    answer = api("ticket.nonsense", as_user=staff, out=out)
    assert answer.error_kind() == ("missed", "ticket.nonsense")


def test_no_function_at_all(api, staff):
    assert api("", as_user=staff).error_kind() == ("missed", "func")


def test_the_error_carries_a_sentence_in_msg(api, staff):
    answer = api("ticket", as_user=staff, p_num="x", out="xml")
    assert answer.doc.find("error").get("object") == "p_num"
    assert "whole number" in answer.doc.find("error/msg").text


@pytest.mark.parametrize(
    "elid",
    ["abc", "-1", "1.5", "1,,2", "99999999999999999999999", "0", "1;2", "٣", " ", "1, x"],
)
def test_hostile_element_ids_are_value_errors(api, staff, ticket, elid):
    answer = api("ticket.edit", as_user=staff, elid=elid)
    assert answer.error_kind() == ("value", "elid")


def test_a_missing_elid_is_a_value_error(api, staff):
    assert api("ticket.edit", as_user=staff).error_kind() == ("value", "elid")


@pytest.mark.parametrize("elid", ["999999", str(2**63 - 1)])
def test_ids_that_do_not_exist_are_missed(api, staff, elid):
    assert api("ticket.edit", as_user=staff, elid=elid).error_kind() == ("missed", "elid")


@pytest.mark.parametrize(
    ("name", "value"),
    [("p_num", "0"), ("p_num", "-3"), ("p_cnt", "1001"), ("p_cnt", "abc"), ("p_cnt", "²")],
)
def test_bad_paging_is_a_value_error(api, staff, name, value):
    assert api("ticket", as_user=staff, **{name: value}).error_kind() == ("value", name)


def test_an_unknown_out_answers_in_xml(api, client, staff):
    response = client.get("/billmgr", {"func": "nonsense", "out": "yaml"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    assert b'type="missed"' in response.content


def test_nul_characters_are_value_errors_and_change_nothing(api, staff, ticket):
    answer = api("ticket.edit", as_user=staff, elid=ticket.pk, sok="ok", name="New\x00 name")
    assert answer.error_kind() == ("value", "name")
    assert "NUL character" in answer.error["msg"]["$"]
    ticket.refresh_from_db()
    assert ticket.subject == "Website is down"


def test_a_truncated_multipart_body_still_gets_an_answer(client):
    body = b'--XX\r\nContent-Disposition: form-data; name="func"\r\n\r\nticket\r\n'
    response = client.generic(
        "POST", "/billmgr?out=json", body, content_type="multipart/form-data; boundary=XX"
    )
    assert response.status_code == 200 and "error" in response.json()["doc"]


def test_a_multipart_body_without_boundary_is_a_value_error(client):
    response = client.generic("POST", "/billmgr", b"x", content_type="multipart/form-data")
    assert response.status_code == 200 and b'object="request"' in response.content


def test_a_clients_level_is_too_low_for_staff_functions(api, client_user, ticket):
    for func in ("ticket", "ticket_all", "ticket.edit", "ticket.delete", "ticket.filter"):
        answer = api(func, as_user=client_user, elid=ticket.pk)
        assert answer.error_kind() == ("access", func)


def test_staff_are_not_clients(api, staff):
    assert api("clientticket", as_user=staff).error_kind() == ("access", "clientticket")


def test_a_refused_call_changes_nothing(api, staff, ticket):
    before = Ticket.objects.values().get(pk=ticket.pk)
    answer = api("ticket.edit", as_user=staff, elid=ticket.pk, sok="ok", priority="7", post=True)
    assert answer.error_kind() == ("value", "priority")
    assert Ticket.objects.values().get(pk=ticket.pk) == before


def test_an_overlong_login_is_a_plain_auth_error(api, staff):
    answer = api("ticket", authinfo="x" * 5000 + ":demo")
    assert answer.error_kind() == ("auth", "badpassword")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_far_deadlines_are_value_errors(api, staff, ticket, day):
    answer = api("ticket.edit", as_user=staff, elid=ticket.pk, sok="ok", deadline_date=day,
                 deadline_time="00:00")  # fmt: skip
    assert answer.error_kind() == ("value", "deadline_date")


def test_text_that_xml_cannot_carry_is_left_out_of_xml_only(api, staff, client_user, ticket):
    api("clientticket.edit", as_user=client_user, elid=ticket.pk, sok="ok",
        message="bell \x07 and form feed \x0c")  # fmt: skip
    doc = api("ticket.message", as_user=staff, elid=ticket.pk, out="xml").doc
    assert doc.findall("elem/message")[-1].text == "bell  and form feed"
    assert ticket.messages.last().body == "bell \x07 and form feed \x0c".strip()


@pytest.mark.parametrize("moment", ["12:00+05:00", "12:00Z", "12:00:00-03:30", "١٢:٠٠", "12"])
def test_a_deadline_time_with_a_time_zone_is_a_value_error(api, staff, ticket, moment):
    answer = api("ticket.edit", as_user=staff, elid=ticket.pk, sok="ok",
                 deadline_date="2030-01-02", deadline_time=moment)  # fmt: skip
    assert answer.error_kind() == ("value", "deadline_time")
    ticket.refresh_from_db()
    assert ticket.deadline_manual is False
