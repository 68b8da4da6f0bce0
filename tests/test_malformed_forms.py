"""The malformed forms an attacker found to answer 500, each through HTTP: a `next` or a
referer that is no address, a date given twice, NUL characters, a time with a time zone."""

import pytest

from helpdesk.tickets.models import SavedFilter
from tests.desk.conftest import once

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["abc", "0", "portal:nonsense", "/ok\r\nSet-Cookie: x=1", ""])
def test_archive_with_a_next_that_is_no_address_goes_to_the_list(client, client_user, target):
    client.force_login(client_user)
    response = client.post("/archive/", once(next=target, ticket="1"))
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.parametrize("target", ["abc", "0"])
def test_desk_next_that_is_no_address_goes_to_the_default(client, staff, target):
    client.force_login(staff)
    response = client.post("/desk/unblock/", once(next=target, elid="1"))
    assert response.status_code == 302 and response["Location"] == "/desk/"


def test_a_reused_form_with_a_referer_that_is_no_address_goes_home(client, client_user):
    client.force_login(client_user)
    data = once(ticket="1")
    client.post("/archive/", data)
    again = client.post("/archive/", data, headers={"referer": "abc"})
    assert again.status_code == 302 and again["Location"] == "/home/"


@pytest.mark.parametrize(("path", "user"), [("/filter/", "client_user"),
                                            ("/desk/filter/", "staff")])  # fmt: skip
def test_a_date_given_twice_takes_the_last_one(client, request, path, user):
    user = request.getfixturevalue(user)
    client.force_login(user)
    data = once(created_from=["2026-01-01", "2026-02-03"], created_to=["x", "2026-03-01"])
    assert client.post(path, data).status_code == 302
    saved = SavedFilter.objects.get(user=user).params
    assert saved == {"created_from": "2026-02-03", "created_to": "2026-03-01"}


def test_a_saved_filter_with_a_list_for_a_date_still_shows_the_lists(client, staff, client_user):
    dates = {"created_from": ["2026-01-01", "2026-02-03"]}
    SavedFilter.objects.create(user=staff, kind=SavedFilter.Kind.QUEUE, params=dates)
    SavedFilter.objects.create(user=client_user, kind=SavedFilter.Kind.CLIENT, params=dates)
    client.force_login(staff)
    assert client.get("/desk/").status_code == 200
    client.force_login(client_user)
    assert client.get("/").status_code == 200


def test_a_nul_in_the_client_search_is_a_clear_error(client, staff):
    client.force_login(staff)
    response = client.get("/desk/clients/autocomplete/", {"q": "\x00"})
    assert response.status_code == 400
    assert "q contains a NUL character" in response.content.decode()


def test_a_nul_in_the_portal_filter_is_a_clear_error_and_saves_nothing(client, client_user):
    client.force_login(client_user)
    response = client.post("/filter/", once(abuse="\x00"))
    assert response.status_code == 400
    assert "abuse contains a NUL character" in response.content.decode()
    assert not SavedFilter.objects.exists()


@pytest.mark.parametrize("moment", ["12:00+05:00", "12:00Z", "12:00:00-03:30", "١٢:٠٠"])
def test_a_desk_deadline_time_with_a_time_zone_is_refused(client, staff, ticket, moment):
    client.force_login(staff)
    data = once(subject=ticket.subject, department=ticket.department_id, priority="1",
                client_priority="1", deadline_date="2030-01-02", deadline_time=moment)  # fmt: skip
    response = client.post(f"/desk/tickets/{ticket.pk}/params/", data)
    assert response.status_code == 400
    ticket.refresh_from_db()
    assert ticket.deadline_manual is False


def test_the_nul_refusal_speaks_the_users_language(client, staff):
    client.force_login(staff)
    response = client.get("/desk/", {"q": "\x00"}, headers={"accept-language": "es"})
    assert response.status_code == 400
    assert "q contiene un carácter NUL" in response.content.decode()
