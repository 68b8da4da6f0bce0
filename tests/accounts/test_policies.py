"""Who may do what with accounts: one persona table over every can_*/is_* predicate of
accounts/policies.py."""

import inspect

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import resolve

from accounts import policies
from accounts.models import User
from tests.factories import UserFactory

PAGES = {"desk": "/desk/", "portal": "/", "admin": "/admin/"}
# Each persona names the predicates that say yes; all others say no. `impersonate` is
# acting as Acme's client user; `open <area>` is can_open_page on the area's front page.
TABLE = {
    "root": "desk_user security password money impersonate enter_admin open_desk open_admin",
    "staff": "desk_user security password money impersonate open_desk",
    "a client's user": "client security password money open_portal",
    "a login with no role": "security password money",
    # The owner's password, authenticator and money are theirs alone.
    "staff acting as the client": "client open_portal",
    "nobody logged in": "",
}
PREDICATES = {
    "desk_user": ("is_desk_user", lambda check, user, target: check(user)),
    "client": ("is_client_user", lambda check, user, target: check(user)),
    "security": ("can_manage_security", lambda check, user, target: check(user)),
    "password": ("can_change_password", lambda check, user, target: check(user)),
    "money": ("can_spend_money", lambda check, user, target: check(user)),
    "enter_admin": ("can_enter_admin", lambda check, user, target: check(user)),
    "impersonate": ("can_impersonate", lambda check, user, target: check(user, target)),
    **{
        f"open_{area}": ("can_open_page", lambda check, user, target, path=path: check(
            user, resolve(path)))
        for area, path in PAGES.items()
    },
}  # fmt: skip


@pytest.fixture
def personas(root, staff, client_user):
    no_role = UserFactory(username="norole", client=None)
    no_role.groups.clear()
    acting = User.objects.get(pk=client_user.pk)
    acting.acting_by = staff
    return {
        "root": root,
        "staff": staff,
        "a client's user": client_user,
        "a login with no role": User.objects.get(pk=no_role.pk),
        "staff acting as the client": acting,
        "nobody logged in": AnonymousUser(),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("persona", TABLE)
def test_who_may_do_what_with_accounts(personas, client_user, persona):
    user = personas[persona]
    said_yes = {
        short
        for short, (name, ask) in PREDICATES.items()
        if ask(getattr(policies, name), user, client_user)
    }
    assert said_yes == set(TABLE[persona].split())


def test_the_table_asks_every_predicate_of_the_policies():
    public = {
        name
        for name, function in inspect.getmembers(policies, inspect.isfunction)
        if function.__module__ == policies.__name__ and name.startswith(("can_", "is_"))
    }
    assert public == {name for name, _ask in PREDICATES.values()}
