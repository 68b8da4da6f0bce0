import pytest


@pytest.fixture
def hostco(browser_data, provider):
    return provider


@pytest.fixture
def portal(page, browser_login, live_server, browser_data):
    """A Chromium page logged in as `client`, with a helper to open portal paths."""
    browser_login(page, "client")
    page.set_default_timeout(10_000)

    def go(path="/"):
        page.goto(f"{live_server.url}{path}")
        return page

    page.go = go
    return page
