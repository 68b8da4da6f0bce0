import pytest

from helpdesk.tickets.models import Department, Provider


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
