"""Answering faster in a real browser: a reply template, a group reply, the holder's
release."""

import pytest
from playwright.sync_api import expect

from helpdesk.messages.models import Message
from helpdesk.tickets.models import Ticket
from tests.browser.desk.conftest import ticket_path
from tests.factories import ReplyTemplateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def rows(page):
    return page.locator("[data-testid=ticket-table] tbody tr[data-ticket]")


def test_pick_a_template_with_variables_and_send_it(desk_page, queue_tickets, staff_user):
    ticket = queue_tickets.first()
    ReplyTemplateFactory(
        name="Restarted", owner=staff_user, scope="personal",
        body="Hello {client.name}, ticket #{ticket.id}: we restarted it. — {staff.first_name}",
    )  # fmt: skip
    page = desk_page(ticket_path(ticket))
    box = page.locator("textarea[name=message]")
    box.fill("Note: ")
    page.get_by_test_id("reply-picker").fill("Restarted")
    expected = f"Note: Hello Acme Hosting, ticket #{ticket.pk}: we restarted it. — Sam"
    expect(box).to_have_value(expected)
    expect(page.locator(".reply-form .markdownx-preview")).to_contain_text("we restarted it")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text(f"Reply sent to ticket #{ticket.pk}.")).to_be_visible()
    sent = ticket.messages.filter(kind=Message.Kind.OUTCOMING).order_by("id").last()
    assert sent.body == expected, repr(sent.body)


def test_reply_to_three_ticked_tickets_at_once(desk_page):
    page = desk_page()
    numbers = [int(rows(page).nth(n).get_attribute("data-ticket")) for n in range(3)]
    for n in range(3):
        rows(page).nth(n).locator("input[name=elid]").check()
    page.get_by_text("Reply to the ticked tickets").click()
    page.locator("textarea[name=group_message]").fill("The outage on #{ticket.id} is over.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Send to ticked").click()
    expect(page.get_by_text("Replied to 3 tickets")).to_be_visible()
    for number in numbers:
        replies = Message.objects.filter(ticket_id=number, kind=Message.Kind.OUTCOMING)
        assert replies.last().body == f"The outage on #{number} is over."


def test_the_block_holder_releases_their_block(desk_page, queue_tickets):
    ticket = queue_tickets.first()
    page = desk_page(ticket_path(ticket))
    banner = page.get_by_test_id("held-banner")
    expect(banner).to_contain_text("You hold this ticket until")
    banner.get_by_role("button", name="Release").click()
    expect(page.get_by_text(f"You released ticket #{ticket.pk}.")).to_be_visible()
    assert Ticket.objects.get(pk=ticket.pk).blocked_by is None


def test_a_new_ticket_appears_in_the_open_queue_without_losing_a_tick(
    next_poll, desk_page, open_ticket, tech
):
    page = desk_page()
    first = rows(page).nth(0)
    ticked = first.get_attribute("data-ticket")
    first.locator("input[name=elid]").check()
    page.evaluate("window.notReloaded = true")
    created = open_ticket(subject="Everything is down since 5 minutes")
    next_poll()
    new_row = page.locator(f"tr[data-ticket='{created.pk}']")
    expect(new_row).to_have_count(1, timeout=15_000)  # the list polls every 10 s
    expect(page.get_by_test_id("live-notice")).to_have_text("1 new")
    expect(page.locator(f"tr[data-ticket='{ticked}'] input[name=elid]")).to_be_checked()
    assert page.evaluate("window.notReloaded === true"), "the page was not reloaded"
