"""Every page of every persona, at a desktop width and at a phone's: nothing scrolls
sideways and axe-core finds no accessibility violation.

The installation is the demo (`seed_demo`): the richest data the project has (abuse
cases, unmatched mail, reports, paid support). The pages are found by following links
from each persona's landing page (tests/browser/every_page.py), plus the few pages that
only a form leads to; the error pages are visited on purpose.
"""

import pytest
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.views.defaults import server_error
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from helpdesk.messages.actions import set_hidden
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.browser.conftest import wait_until_no_request_runs
from tests.browser.every_page import WIDTHS, check_page, load_axe_in_every_page, page_key, walk

# No django_db mark: the demo is seeded once for the module (below), not once a test.
pytestmark = [pytest.mark.browser]

PERSONAS = {
    "client": ["/"],
    "client2": ["/"],
    "staff": ["/"],
    "staff2": ["/"],
    "root": ["/", "/admin/"],
}
# Pages each persona must have reached, so that a broken link or crawler cannot make the
# test pass by visiting less.
MUST_REACH = {
    "client": {"portal:ticket_list", "portal:ticket_new", "portal:ticket_detail",
               "portal:archived_list", "portal:incident", "portal:services",
               "account_security", "password_change"},
    "staff": {"desk:queue", "desk:ticket_all", "desk:ticket_favorite", "desk:ticket_edit",
              "desk:report_response", "desk:report_load", "desk:report_clients",
              "desk:abuse_list", "desk:abuse_case", "desk:abuse_new", "desk:unmatched_list",
              "desk:ticket_su", "desk:ticket_message_edit", "desk:ticket_split",
              "desk:ticket_expense", "desk:incident_count", "desk:show_abuse"},
    "root": {"admin:index", "admin:accounts_client_changelist", "admin:accounts_client_change",
             "admin:tickets_ticket_change", "admin:tickets_department_change",
             "admin:accounts_user_change", "admin:tickets_ticket_add"},
}  # fmt: skip


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module's tests (it takes seconds) and served by a live
    server of its own; the pages only read it, each test in a browser context of its own.
    Afterwards the tables are emptied, as a transactional test leaves them. (The tests
    cannot use pytest-django's `live_server`: it flushes the database after each test.)"""
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=False, PASSWORD_HASHERS=fast_hashing),
    ):
        call_command("seed_demo", password="demo", verbosity=0)
        hide_a_reply_and_add_a_note()
        server = LiveServer("localhost")
        try:
            with server._live_server_modified_settings:
                yield server.url
            wait_until_no_request_runs()
        finally:
            server.stop()
            call_command("flush", verbosity=0, interactive=False)


def hide_a_reply_and_add_a_note():
    """On the ticket each persona's walk opens first: a hidden reply (the client sees
    its placeholder) and a note, so both are checked."""
    staff = User.objects.get(username="staff")
    for ticket in [first_open_ticket("staff"), client_ticket("client")]:
        reply = actions.post_staff_reply(ticket, author=staff, body="Sent to the wrong ticket")
        set_hidden([reply], by=staff, hidden=True)
        actions.add_note(ticket, author=staff, body="The client asked for this before.")


def first_open_ticket(username):
    tickets = Ticket.objects.filter(department__members__username=username, status__lt=3)
    return tickets.order_by("id").first()


def client_ticket(username):
    return Ticket.objects.filter(client__users__username=username).order_by("id").first()


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def form_only_pages(username) -> list[str]:
    """Pages that a button (not a link) leads to, for one of the persona's tickets."""
    if username not in ("staff", "staff2", "root"):
        return []
    ticket = first_open_ticket("staff" if username == "root" else username)
    message = Message.objects.filter(ticket=ticket).order_by("id").last()
    base = f"/desk/tickets/{ticket.pk}/"
    return [base, f"{base}charge/", f"{base}incidents/", f"{base}violation/",
            f"{base}messages/{message.pk}/split/"]  # fmt: skip


def error_pages(page, base) -> list[str]:
    """Visit a missing page and a refused page as the logged-in persona."""
    return ["/no-such-page/", "/desk/tickets/999999/", "/desk/abuse/", "/admin/"]


def check_persona(page, base, username, width):
    """Findings on every page the persona reaches, and the URL names it reached."""
    log_in(page, base, username)
    findings, reached = [], set()
    starts = form_only_pages(username) + PERSONAS[username]
    if username == "client":
        starts.insert(0, f"/tickets/{client_ticket(username).pk}/")
    for path in walk(page, base, starts):
        reached.add(page_key(path.split("?")[0]))
        findings.append(check_page(page, width))
    for path in error_pages(page, base):
        page.goto(base + path)
        findings.append(check_page(page, width))
    return [finding for finding in findings if finding], reached


def check_acting_as_client(page, base, width):
    """Staff acting as a client: the portal with its banner, and the desk's refusal."""
    log_in(page, base, "staff")
    ticket = Ticket.objects.filter(department__members__username="staff", status__lt=3)
    page.goto(f"{base}/desk/tickets/{ticket.first().pk}/su/")
    page.get_by_role("button", name="Log in as this client").click()
    expect(page.get_by_test_id("su-banner")).to_be_visible()
    findings = [check_page(page, width)]
    response = page.goto(f"{base}/desk/all/")
    assert response.status == 403
    expect(page.get_by_test_id("acting-refusal")).to_be_visible()
    findings.append(check_page(page, width))
    return [finding for finding in findings if finding]


def check_anonymous_and_500(page, base, width):
    page.context.clear_cookies()
    findings = []
    for path in ["/accounts/login/", "/no-such-page/"]:
        page.goto(base + path)
        findings.append(check_page(page, width))
    # The 500 page as Django renders it, served at an address the browser opens.
    body = server_error(RequestFactory().get("/")).content.decode()
    page.route(
        f"{base}/broken/",
        lambda route: route.fulfill(status=500, body=body, content_type="text/html"),
    )
    page.goto(f"{base}/broken/")
    expect(page.get_by_test_id("error-page")).to_be_visible()
    findings.append(check_page(page, width))
    return [finding for finding in findings if finding]


def at_width(page, width):
    load_axe_in_every_page(page.context)
    page.set_viewport_size({"width": width, "height": 900})
    page.set_default_timeout(20_000)
    return page


# One test a persona and width, so that the pytest-xdist workers share the walks. (Cutting
# root's checks into shards does not pay: opening the pages costs more than axe does.)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("username", PERSONAS)
def test_every_page_fits_the_screen_and_passes_axe(demo, page, username, width):
    findings, reached = check_persona(at_width(page, width), demo, username, width)
    missing = MUST_REACH.get(username, set()) - reached
    assert not missing, f"{username} never reached {sorted(missing)}"
    assert not findings, "\n".join(str(finding) for finding in findings)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_acting_as_client_and_the_error_pages_fit_the_screen_and_pass_axe(demo, page, width):
    findings = check_acting_as_client(at_width(page, width), demo, width)
    findings += check_anonymous_and_500(page, demo, width)
    assert not findings, "\n".join(str(finding) for finding in findings)
