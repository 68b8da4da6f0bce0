"""The desk keeps up by itself, in a real browser: rows that change or leave update in the
lists (favorites too), the keyboard works the lists, many tickets are assigned at once,
"Send" leads where the agent chose, the ticket page tells who else is looking and what was
written meanwhile, and browser notifications arrive once turned on. No CSP refusals."""

import re

import pytest
from playwright.sync_api import expect

from helpdesk.favorites.actions import add_favorites
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.browser.desk.conftest import ticket_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
POLL = 15_000  # the pages poll every 10 s


def rows(page):
    return page.locator("[data-testid=ticket-table] tbody tr[data-ticket]")


def row(page, ticket):
    return page.locator(f"tr[data-ticket='{ticket.pk}']")


@pytest.fixture
def csp_refusals(page):
    refusals = []
    page.on("console", lambda message: "Content Security Policy" in message.text
            and refusals.append(message.text))  # fmt: skip
    return refusals


def test_a_closed_ticket_leaves_and_a_raised_one_updates_keeping_ticks(
    next_poll, desk_page, queue_tickets, staff_user, csp_refusals
):
    page = desk_page()
    kept, closed, raised = queue_tickets[:3]
    row(page, kept).locator("input[name=elid]").check()
    page.evaluate("window.notReloaded = true")
    actions.close_tickets([closed], by=staff_user)
    actions.update_ticket(raised, by=staff_user, high_priority=True)
    next_poll()
    expect(row(page, closed)).to_have_count(0, timeout=POLL)
    expect(row(page, raised).locator(".prop-highpriority")).to_have_count(1)
    expect(row(page, kept).locator("input[name=elid]")).to_be_checked()
    expect(page.get_by_test_id("live-notice")).to_be_hidden()  # nothing new arrived
    assert page.evaluate("window.notReloaded === true")
    assert csp_refusals == []


def test_favorites_refresh_themselves(next_poll, desk_page, queue_tickets, staff_user, acme):
    ticket = queue_tickets.first()
    add_favorites([ticket], user=staff_user)
    page = desk_page("/desk/favorites/")
    expect(row(page, ticket).locator(".status")).not_to_have_text("Closed")
    page.evaluate("window.notReloaded = true")
    actions.close_tickets([Ticket.objects.get(pk=ticket.pk)], by=staff_user)
    next_poll()
    expect(row(page, ticket).locator(".status")).to_have_text("Closed", timeout=POLL)
    assert page.evaluate("window.notReloaded === true")


def test_the_keyboard_moves_ticks_opens_and_lists_its_keys(desk_page):
    page = desk_page()
    page.get_by_label("Subject contains").fill("jjx")  # typing in a field takes no keys
    expect(page.locator("tr.is-current")).to_have_count(0)
    page.get_by_label("Subject contains").blur()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")
    second = rows(page).nth(1)
    expect(second).to_have_class(re.compile("is-current"))
    expect(second.locator("input[name=elid]")).to_be_checked()
    expect(page.get_by_test_id("tick-count")).to_have_text("1 ticked")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.keyboard.press("k")
    number = rows(page).nth(0).get_attribute("data-ticket")
    page.keyboard.press("o")
    expect(page).to_have_url(f"{page.url.split('/desk/')[0]}/desk/tickets/{number}/")


def test_r_opens_the_current_ticket_at_its_reply_box(desk_page):
    page = desk_page()
    page.keyboard.press("j")
    number = rows(page).nth(0).get_attribute("data-ticket")
    page.keyboard.press("r")
    expect(page.get_by_role("heading", name=f"#{number}")).to_be_visible()
    expect(page.locator(".reply-form textarea[name=message]")).to_be_focused()


def test_assign_two_ticked_tickets_to_a_staff_member(desk_page, queue_tickets, staff_user):
    page = desk_page()
    chosen = [int(rows(page).nth(n).get_attribute("data-ticket")) for n in range(2)]
    for n in range(2):
        rows(page).nth(n).locator("input[name=elid]").check()
    expect(page.get_by_test_id("tick-count")).to_have_text("2 ticked")
    page.get_by_text("Change the ticked tickets").click()
    page.get_by_label("Assign to").select_option(label="Sam Staff")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("Changed 2 tickets")).to_be_visible()
    assert set(Ticket.objects.filter(pk__in=chosen).values_list("responsible", flat=True)) == {
        staff_user.pk
    }


def test_send_opens_the_next_ticket_when_the_agent_chose_so(desk_page, queue_tickets, live_server):
    first = queue_tickets.first()
    page = desk_page(ticket_path(first))
    page.locator("textarea[name=message]").fill("Fixed, thanks.")
    page.get_by_test_id("after-send").select_option("next")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text(f"Reply sent to ticket #{first.pk}.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"{live_server.url}/desk/tickets/\d+/$"))
    assert f"/desk/tickets/{first.pk}/" not in page.url, "the next ticket, not this one"
    expect(page.get_by_test_id("after-send")).to_have_value("next")  # remembered


def test_the_page_says_who_else_looks_and_what_the_client_wrote_meanwhile(
    next_poll, desk_page, browser, browser_login, queue_tickets, root, client_user, csp_refusals
):
    ticket = queue_tickets.first()
    page = desk_page(ticket_path(ticket))
    page.locator("textarea[name=message]").fill("I am writing this slowly")
    colleague = browser.new_context().new_page()
    browser_login(colleague, "root")
    colleague.goto(page.url)
    next_poll()
    expect(page.get_by_test_id("viewers")).to_contain_text(
        "Also looking at this ticket: Test R.", timeout=POLL
    )
    actions.post_client_message(Ticket.objects.get(pk=ticket.pk), author=client_user,
                                body="Now the **mail** is down too")  # fmt: skip
    next_poll()
    notice = page.get_by_test_id("new-messages")
    expect(notice).to_contain_text("The client wrote a new message.", timeout=POLL)
    notice.get_by_role("button", name="Show it").click()
    expect(page.get_by_test_id("thread")).to_contain_text("is down too")
    expect(notice).to_be_hidden()
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text(f"Reply sent to ticket #{ticket.pk}.")).to_be_visible()
    sent = Message.objects.filter(ticket=ticket, kind=Message.Kind.OUTCOMING).last()
    assert sent.body == "I am writing this slowly", "read first, then sent as typed"
    colleague.context.close()
    assert csp_refusals == []


RECORD_NOTIFICATIONS = """
window.shownNotifications = [];
window.Notification = class extends window.Notification {
  constructor(title, options) { super(title, options); window.shownNotifications.push(title); }
};
"""


def test_browser_notifications_once_turned_on(
    next_poll, desk_page, page, live_server, open_ticket, tech
):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(RECORD_NOTIFICATIONS)
    desk_page("/desk/all/")
    toggle = page.get_by_test_id("notify-toggle")
    expect(toggle).to_have_text("Turn on notifications")
    toggle.click()
    expect(toggle).to_have_text("Notifications on")
    created = open_ticket(subject="Everything is down", department=tech)
    expected = f"New ticket #{created.pk}"
    next_poll()
    for _tick in range(POLL // 500):  # wait_for_function would eval in the page: the CSP refuses
        if expected in page.evaluate("window.shownNotifications"):
            break
        page.wait_for_timeout(500)
    assert page.evaluate("window.shownNotifications") == [expected]
