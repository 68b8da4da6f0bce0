"""Every view is gated for the right people: each area lets in exactly the roles it is
for (the desk staff and root, the portal clients, the account pages every login, the
Django admin root alone), and the few views that must work before login say so with
login_not_required."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, include, path, reverse

from accounts.decorators import role_required
from accounts.roles import Role
from tests.factories import UserFactory

OPEN_BY_DESIGN = {
    "login",  # the login page itself
    "billmgr",  # the API authenticates each call itself (auth / authinfo)
    "mail_unsubscribe",  # one-click unsubscribe from a mail program: the signed link decides
    "favicon",  # the site's icon, asked for by the browser on every page
}
GATED_ELSEWHERE = {
    "admin",  # the admin site lets only root in (RootAdminSite.has_permission), tested below
    "logout",
    "password_change",
    "password_change_done",
    "set_language",
}
STAFF = frozenset({Role.ADMIN, Role.ROOT})
CLIENTS = frozenset({Role.USER})
EVERY_LOGIN = frozenset(Role)
# The audience of each area, by the URL prefix of its views.
AREAS = [
    ("/desk/reports/", STAFF),  # support reports: root and staff over their departments
    ("/desk/abuse/", STAFF),  # abuse cases and resuming services
    ("/desk/mail/", STAFF),  # Unmatched mail: root and staff over their departments' mailboxes
    ("/desk/", STAFF),  # the staff desk: never a client
    ("/accounts/", EVERY_LOGIN),  # one's own security, the second-factor step, su end
    ("/markdownx/", EVERY_LOGIN),  # the editor preview of every reply form
    ("/home/", EVERY_LOGIN),  # sends each login to its area
    ("/files/", EVERY_LOGIN),  # attachments shown inside messages, for both areas
    ("/services/", CLIENTS),  # the client's services, suspensions and open abuse cases
    ("/", CLIENTS),  # the client portal: staff reach it only by acting as a client
]


def walk(patterns, namespace="", prefix=""):
    """(name, view, route) of every URL pattern but the Django admin's."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue
            yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield (
                f"{namespace}{pattern.name}",
                pattern.callback,
                "/" + prefix + str(pattern.pattern),
            )


def audience(route):
    return next(roles for area, roles in AREAS if route.startswith(area))


def misgated(patterns):
    """(name, route, roles) of each view whose gate is not its area's audience."""
    wrong = []
    for name, view, route in walk(patterns):
        if name in OPEN_BY_DESIGN:
            if getattr(view, "login_required", True) is not False:
                wrong.append((name, route, "not open"))
            continue
        if name in GATED_ELSEWHERE:
            continue
        roles = getattr(view, "required_roles", None)
        if roles != audience(route):
            wrong.append((name, route, sorted(roles or ())))
    return wrong


def test_every_view_is_gated_for_its_areas_audience():
    assert misgated(get_resolver().url_patterns) == []


def test_a_gate_for_the_wrong_audience_is_caught():
    def view(request):
        raise AssertionError("never called")

    desk_for_clients = role_required(Role.USER)(view)
    portal_for_staff = role_required(Role.ADMIN)(view)
    ungated = view
    patterns = [
        path("desk/", include(([path("x/", desk_for_clients, name="x")], "desk"))),
        path("", include(([path("y/", portal_for_staff, name="y")], "portal"))),
        path("accounts/z/", ungated, name="z"),
    ]
    assert [name for name, _route, _roles in misgated(patterns)] == ["desk:x", "portal:y", "z"]


def test_the_areas_are_the_ones_the_gate_list_knows():
    routes = {name: route for name, _view, route in walk(get_resolver().url_patterns)}
    assert routes["desk:queue"] == "/desk/"
    assert routes["portal:ticket_list"] == "/"
    assert audience(routes["desk:ticket_reply"]) == STAFF
    assert audience(routes["portal:ticket_reply"]) == CLIENTS
    assert audience(routes["account_security"]) == EVERY_LOGIN


@pytest.mark.django_db
def test_open_views_are_only_the_expected_ones():
    open_views = {
        name
        for name, view, _route in walk(get_resolver().url_patterns)
        if getattr(view, "login_required", True) is False
    }
    assert open_views == OPEN_BY_DESIGN


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "enters"), [(Role.ROOT, True), (Role.ADMIN, False), (Role.USER, False)]
)
def test_the_django_admin_is_root_only(client, role, enters):
    user = UserFactory(role=role)
    request = RequestFactory().get("/admin/")
    request.user = user
    assert admin.site.has_permission(request) is enters
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert (response.status_code == 200) is enters, response.status_code
