"""Every view is gated: either by role_required, or it is one of the few that must work
before login (and says so with login_not_required)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

OPEN_BY_DESIGN = {
    "login",  # the login page itself
    "billmgr",  # the API authenticates each call itself (auth / authinfo)
}
GATED_ELSEWHERE = {
    "admin",  # the admin site lets only root in (RootAdminSite.has_permission)
    "logout",
    "password_change",
    "password_change_done",
    "set_language",
}


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.callback


def test_every_view_has_a_role_gate():
    ungated = []
    for name, view in walk(get_resolver().url_patterns):
        if name in OPEN_BY_DESIGN:
            assert getattr(view, "login_required", True) is False, name
            continue
        if name in GATED_ELSEWHERE:
            continue
        if not getattr(view, "required_roles", None):
            ungated.append(name)
    assert ungated == []


@pytest.mark.django_db
def test_open_views_are_only_the_expected_ones():
    open_views = {
        name
        for name, view in walk(get_resolver().url_patterns)
        if getattr(view, "login_required", True) is False
    }
    assert open_views == OPEN_BY_DESIGN
