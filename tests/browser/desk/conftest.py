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


def ticket_path(ticket: Ticket) -> str:
    return f"/desk/tickets/{ticket.pk}/"
