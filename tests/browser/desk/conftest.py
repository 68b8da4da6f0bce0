import pytest
from django.db.models import Count

from helpdesk.tickets.models import Ticket
from helpdesk.tickets.policies import visible_tickets


@pytest.fixture
def staff_user(browser_data, staff):
    return staff


@pytest.fixture
def queue_tickets(staff_user, acme):
    """Acme's tickets in staff's queue, most messages first (the client has a login)."""
    return (
        visible_tickets(staff_user)
        .in_queue()
        .filter(client=acme)
        .annotate(message_count=Count("messages"))
        .order_by("-message_count", "id")
    )


@pytest.fixture
def desk_page(page, browser_login, live_server, browser_data):
    """A Chromium page logged in as `staff`, with a helper to open desk paths."""
    browser_login(page, "staff")
    page.set_default_timeout(10_000)

    def go(path="/desk/"):
        page.goto(f"{live_server.url}{path}")
        return page

    return go


@pytest.fixture
def next_poll(page):
    """The desk's pages poll every 10 s. The page's clock is Playwright's, running as the real
    one, so a test jumps it to the next poll instead of sitting through the wait."""
    page.clock.install()

    def jump():
        page.clock.fast_forward(POLL_EVERY_MS)

    return jump


POLL_EVERY_MS = 10_000  # static/js/desk.js


def ticket_path(ticket: Ticket) -> str:
    return f"/desk/tickets/{ticket.pk}/"
