"""The staff desk in a real browser against the tickets of `browser_data`."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import AuditEvent
from helpdesk.favorites.models import Favorite
from helpdesk.messages.models import Message
from helpdesk.tickets.models import Ticket
from helpdesk.violations.models import Violation
from tests.browser.desk.conftest import ticket_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def rows(page):
    return page.locator("[data-testid=ticket-table] tbody tr[data-ticket]")


def test_staff_filters_the_queue_and_the_filter_stays(desk_page, live_server):
    page = desk_page()
    expect(page).to_have_url(f"{live_server.url}/desk/")
    everything = rows(page).count()
    assert everything > 10
    page.get_by_label("Subject contains", exact=True).fill("SSL")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Filter saved")).to_be_visible()
    filtered = rows(page).count()
    assert 0 < filtered < everything
    for subject in rows(page).locator("td.subject").all_inner_texts():
        assert "SSL" in subject
    page.reload()
    expect(page.get_by_label("Subject contains", exact=True)).to_have_value("SSL")
    expect(rows(page)).to_have_count(filtered)
    page.get_by_role("button", name="Reset").click()
    expect(rows(page)).to_have_count(everything)


def test_an_opened_ticket_is_blocked_for_staff2(
    page, desk_page, browser, browser_login, queue_tickets, staff2
):
    ticket = queue_tickets.first()
    with page.expect_response(lambda response: response.url.endswith("/open/")) as opened:
        desk_page(ticket_path(ticket))
    assert opened.value.status == 204, "the shown page posts that it was opened"
    expect(page.get_by_role("heading", name=f"#{ticket.pk}")).to_be_visible()
    expect(page.get_by_test_id("blocked-banner")).to_have_count(0)
    ticket.department.members.add(staff2)
    other = browser.new_context().new_page()
    browser_login(other, "staff2")
    other.goto(page.url)
    banner = other.get_by_test_id("blocked-banner")
    expect(banner).to_contain_text("Blocked by Sam S. since")
    other.get_by_role("button", name="Take over").click()
    expect(other.get_by_text(f"You hold ticket #{ticket.pk} now.")).to_be_visible()
    ticket.refresh_from_db()
    assert ticket.blocked_by.username == "staff2"
    other.context.close()


def test_reply_with_markdown_add_a_note_and_hide_a_message(desk_page, queue_tickets):
    ticket = queue_tickets.first()
    page = desk_page(ticket_path(ticket))
    page.locator("textarea[name=message]").fill("Please **restart** the `nginx` service.")
    expect(page.locator(".reply-form .markdownx-preview strong")).to_have_text("restart")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_text(f"Reply sent to ticket #{ticket.pk}.")).to_be_visible()
    page = desk_page(ticket_path(ticket))  # "Send" led back to the queue
    reply = page.locator("[data-kind=outcoming]").last
    expect(reply.locator(".msg-body strong")).to_have_text("restart")
    expect(reply.locator(".msg-body code")).to_have_text("nginx")

    page.get_by_text("Internal note (staff only)").click()
    page.locator("textarea[name=note_message]").fill("Client was warned about logs twice.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Note added.")).to_be_visible()
    expect(page.locator("[data-kind=note]").last).to_contain_text("warned about logs twice")

    page.locator("[data-kind=incoming]").first.get_by_role("button", name="Hide").click()
    expect(page.get_by_text("The message is hidden from the client.")).to_be_visible()
    hidden = page.locator("[data-kind=incoming]").first
    expect(hidden).to_have_class(re.compile("is-hidden"))
    expect(hidden).to_contain_text("hidden from the client")
    first = ticket.messages.filter(kind=Message.Kind.INCOMING).order_by("created_at", "id")[0]
    first.refresh_from_db()
    assert first.hidden


def test_split_a_ticket(desk_page, queue_tickets):
    ticket = queue_tickets.first()
    assert ticket.message_count >= 3
    page = desk_page(ticket_path(ticket))
    page.get_by_role("link", name="Split from here").last.click()
    expect(page.get_by_test_id("split-count")).to_contain_text("1 message — this one — will move")
    page.get_by_role("button", name="Move 1 message").click()
    new_ticket = Ticket.objects.order_by("-id").first()
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{new_ticket.pk}/$"))
    expect(page.get_by_text("Ticket split:")).to_be_visible()
    page.locator(".flash").get_by_role("link", name=f"#{ticket.pk}").click()
    expect(page.get_by_role("heading", name=f"#{ticket.pk}")).to_be_visible()
    expect(page.locator("[data-kind=system]").last).to_contain_text(f'"{new_ticket.pk}"')


def test_close_two_tickets_from_the_queue_at_once(desk_page):
    page = desk_page()
    first, second = rows(page).nth(0), rows(page).nth(1)
    numbers = [int(first.get_attribute("data-ticket")), int(second.get_attribute("data-ticket"))]
    first.locator("input[name=elid]").check()
    second.locator("input[name=elid]").check()
    page.once("dialog", lambda dialog: dialog.accept())  # closing many asks first
    page.get_by_role("button", name="Close", exact=True).click()
    expect(page.get_by_text("Closed 2 tickets")).to_be_visible()
    for number in numbers:
        expect(page.locator(f"tr[data-ticket='{number}']")).to_have_count(0)
    assert set(Ticket.objects.filter(pk__in=numbers).values_list("status", flat=True)) == {
        Ticket.Status.CLOSED
    }


def test_register_a_violation(desk_page, queue_tickets):
    ticket = queue_tickets.first()
    page = desk_page(ticket_path(ticket))
    page.get_by_text("Register a violation").click()
    form = page.get_by_test_id("violation-form")
    form.get_by_label("Points").fill("4")
    form.get_by_label("Comment").fill("Outgoing spam from the VPS")
    form.get_by_label("forward the ticket to support").check()
    form.get_by_role("button", name="Register the violation").click()
    expect(page.get_by_text("Acme Hosting now has 4 violation points.")).to_be_visible()
    expect(page.get_by_test_id("client-score")).to_have_text("4 points")
    assert Violation.objects.get(ticket=ticket).note == "Outgoing spam from the VPS"


def test_log_in_as_the_client_and_back(desk_page, live_server, queue_tickets):
    ticket = queue_tickets.first()
    page = desk_page(ticket_path(ticket))
    page.get_by_role("button", name="Log in as client", exact=True).click()
    page.get_by_role("button", name="Log in as this client").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("su-banner")).to_contain_text("You are acting as client")
    page.get_by_role("button", name="Return to the desk").click()
    expect(page).to_have_url(f"{live_server.url}{ticket_path(ticket)}")
    expect(page.get_by_text("You are yourself again.")).to_be_visible()
    assert list(
        AuditEvent.objects.filter(actor__username="staff").order_by("id").values_list("action")
    ) == [(AuditEvent.Action.SU_START,), (AuditEvent.Action.SU_END,)]


def test_client_filter_by_autocomplete(desk_page, acme):
    page = desk_page()
    page.get_by_label("Client", exact=True).fill("Acme Hosting")
    expect(page.locator("#id_client")).to_have_value(str(acme.pk))
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_label("Client", exact=True)).to_have_value("Acme Hosting")
    clients = set(rows(page).locator("td.client").all_inner_texts())
    assert {name.strip() for name in clients} == {"Acme Hosting"}


def test_favorite_toggle_keeps_the_reply_being_typed(desk_page, queue_tickets, staff_user):
    ticket = queue_tickets.first()
    Favorite.objects.filter(user=staff_user, ticket=ticket).delete()
    page = desk_page(ticket_path(ticket))
    toggle = page.locator("#favorite-toggle button")
    page.locator("textarea[name=message]").fill("A draft that must survive.")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert Favorite.objects.filter(user=staff_user, ticket=ticket).exists()
    expect(page.locator("textarea[name=message]")).to_have_value("A draft that must survive.")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert not Favorite.objects.filter(user=staff_user, ticket=ticket).exists()
    expect(page.locator("textarea[name=message]")).to_have_value("A draft that must survive.")
