import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "area"), [("root", "/desk/"), ("staff", "/desk/"), ("client_user", "/")]
)
def test_each_login_lands_on_its_area(client, request, persona, area):
    user = request.getfixturevalue(persona)
    response = client.post(
        reverse("login"), {"username": user.username, "password": "demo"}, follow=True
    )
    assert response.redirect_chain[-1][0] == area
    assert response.status_code == 200


@pytest.mark.django_db
def test_wrong_password_shows_an_error_and_stays_logged_out(client, staff):
    response = client.post(reverse("login"), {"username": "staff", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert client.get("/desk/").status_code == 302


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get("/desk/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_client_cannot_enter_desk_or_admin(client, client_user):
    client.force_login(client_user)
    assert client.get("/desk/all/").status_code == 403
    admin_page = client.get("/admin/")
    assert admin_page.status_code == 302
    assert "/admin/login/" in admin_page.url


@pytest.mark.django_db
def test_staff_cannot_enter_admin_but_root_can(client, staff, root):
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302
    client.force_login(root)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_staff_cannot_open_the_portal(client, staff):
    client.force_login(staff)
    assert client.get("/new/").status_code == 403
    assert client.get("/archived/").status_code == 403


@pytest.mark.django_db
def test_password_change_page_renders(client, client_user):
    client.force_login(client_user)
    response = client.get(reverse("password_change"))
    assert response.status_code == 200
    assert "Change password" in response.content.decode()


@pytest.mark.django_db
def test_logout_is_a_post(client, client_user):
    client.force_login(client_user)
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_a_login_without_group_or_client_account_gets_no_area(client):
    from tests.factories import UserFactory

    orphan = UserFactory(username="orphan", client=None)
    orphan.groups.clear()
    client.force_login(orphan)
    assert client.get("/").status_code == 403
    assert client.get("/new/").status_code == 403
    assert client.get("/desk/").status_code == 403


@pytest.mark.django_db
def test_a_user_can_switch_the_interface_to_spanish(client, client_user):
    client.force_login(client_user)
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert "Mis tickets" in response.content.decode()
    assert client.get("/").headers["Content-Language"] == "es"
