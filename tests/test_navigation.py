"""The header of every page: what it offers is decided by the policies. The password page
uses the plain base layout, whose header no area overrides."""

import pytest

pytestmark = pytest.mark.django_db

ADMIN_LINK = 'href="/admin/"'
QUEUE_LINK = 'href="/desk/"'
PLAIN_PAGE = "/accounts/password/"


def header(client, user, path):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode().split("</header>")[0]


def test_root_sees_the_queue_and_the_administration(client, root):
    html = header(client, root, PLAIN_PAGE)
    assert QUEUE_LINK in html and ADMIN_LINK in html


def test_staff_see_the_queue_but_not_the_administration(client, staff):
    html = header(client, staff, PLAIN_PAGE)
    assert QUEUE_LINK in html and ADMIN_LINK not in html


def test_clients_see_their_tickets_only(client, client_user):
    html = header(client, client_user, PLAIN_PAGE)
    assert QUEUE_LINK not in html and ADMIN_LINK not in html
    assert "My tickets" in html
