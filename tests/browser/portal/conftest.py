from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.roles import Role
from helpdesk.tickets.models import Department, Provider


@pytest.fixture
def demo(settings, transactional_db):
    """The demo data, as `make run` shows it: Acme (login `client`) has 100.00 and no
    incidents; HostCo's Billing needs one incident per ticket at 10.00."""
    settings.DEBUG = True
    # A transactional test before this one flushed the groups the data migration made.
    for role in Role:
        Group.objects.get_or_create(name=role.group_name)
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def hostco(demo):
    return Provider.objects.get(name="HostCo")


def department(provider, name) -> str:
    return str(Department.objects.get(provider=provider, name=name).pk)


@pytest.fixture
def portal(page, browser_login, live_server, demo):
    """A Chromium page logged in as `client`, with a helper to open portal paths."""
    browser_login(page, "client")
    page.set_default_timeout(10_000)

    def go(path="/"):
        page.goto(f"{live_server.url}{path}")
        return page

    page.go = go
    return page
