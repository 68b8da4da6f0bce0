"""Whoever opens the site's address, a bookmark or the logo link lands in their own area,
and a login returns to the page that sent them there when their role may open it."""

import pytest

from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

PERSONA_AREAS = [("root", "/desk/"), ("staff", "/desk/"), ("client_user", "/")]


def log_in_from(client, path, user):
    """Open `path` logged out, follow to the login form, log in there; the final page."""
    to_login = client.get(path)
    assert to_login.status_code == 302
    login_page = client.get(to_login.url)
    assert login_page.status_code == 200
    next_url = login_page.context["next"]
    response = client.post(
        to_login.url, {"username": user.username, "password": "demo", "next": next_url},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    return response.redirect_chain[-1][0]


@pytest.mark.parametrize(("persona", "area"), PERSONA_AREAS)
def test_the_sites_address_leads_through_login_to_each_area(client, request, persona, area):
    user = request.getfixturevalue(persona)
    assert log_in_from(client, "/", user) == area


def test_staff_return_to_the_desk_ticket_that_sent_them_to_log_in(client, staff, ticket):
    assert log_in_from(client, f"/desk/tickets/{ticket.pk}/", staff) == (
        f"/desk/tickets/{ticket.pk}/"
    )


def test_a_client_sent_to_the_desk_lands_in_the_portal(client, client_user):
    assert log_in_from(client, "/desk/", client_user) == "/"


def test_a_client_keeps_a_portal_page_they_may_open(client, client_user, acme):
    ticket = TicketFactory(client=acme, created_by=client_user)
    assert log_in_from(client, f"/tickets/{ticket.pk}/", client_user) == (f"/tickets/{ticket.pk}/")


@pytest.mark.parametrize("persona", ["staff", "client_user"])
def test_the_administration_is_not_a_landing_for_those_who_may_not_enter(client, request, persona):
    user = request.getfixturevalue(persona)
    response = client.post(
        "/accounts/login/?next=/admin/", {"username": user.username, "password": "demo"}
    )
    assert response.status_code == 302
    assert response.url == "/home/"


def test_root_returns_to_the_administration(client, root):
    response = client.post(
        "/accounts/login/?next=/admin/", {"username": "root", "password": "demo"}
    )
    assert response.url == "/admin/"


def test_an_unknown_next_page_gives_the_landing(client, staff):
    response = client.post(
        "/accounts/login/?next=/no/such/page/", {"username": "staff", "password": "demo"}
    )
    assert response.url == "/home/"


def test_staff_opening_the_portal_front_page_go_to_the_desk(client, staff):
    client.force_login(staff)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/desk/"
    assert response.status_code == 200


def test_a_client_opening_the_desk_front_page_goes_to_the_portal(client, client_user):
    client.force_login(client_user)
    response = client.get("/desk/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert response.status_code == 200


def test_a_login_with_no_area_is_still_refused_at_the_front_pages(client):
    from tests.factories import UserFactory

    orphan = UserFactory(username="orphan", client=None)
    orphan.groups.clear()
    client.force_login(orphan)
    assert client.get("/").status_code == 403
    assert client.get("/desk/").status_code == 403
