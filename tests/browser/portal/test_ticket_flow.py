"""A client's ticket from opening to the archive, in the system Chromium."""

import pytest
from playwright.sync_api import expect

from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket

pytestmark = pytest.mark.browser


def open_tech_ticket(page, tech):
    page.go("/new/")
    page.select_option("select[name=department]", str(tech.pk))
    page.fill("input[name=subject]", "Shop is slow since the update")
    page.fill("textarea[name=message]", "Pages take **10 s** to load.\n\n- home\n- cart")
    expect(page.locator(".markdownx-preview strong")).to_have_text("10 s")
    page.set_input_files(
        "input[name=files]",
        files=[{"name": "timings.txt", "mimeType": "text/plain", "buffer": b"TTFB 9.8s"}],
    )
    page.get_by_role("button", name="Send ticket").click()
    expect(page.locator(".flash-success")).to_contain_text("was sent")
    return Ticket.objects.get(subject="Shop is slow since the update")


@pytest.mark.django_db(transaction=True)
def test_client_opens_follows_rates_replies_and_archives_a_ticket(portal, tech, staff):
    page = portal
    ticket = open_tech_ticket(page, tech)
    expect(page.locator(".message-incoming .message-body strong")).to_have_text("10 s")
    expect(page.get_by_role("link", name="timings.txt")).to_be_visible()

    row = page.go("/").locator(f"tr[data-ticket='{ticket.pk}']")
    expect(row.locator(".status")).to_have_text("New")
    expect(row.get_by_test_id("unread")).to_have_count(0)

    actions.post_staff_reply(ticket, author=staff, body="Enabled the page **cache**; try now.")
    page.reload()
    expect(row.get_by_test_id("unread")).to_be_visible()
    expect(row.locator(".status")).to_have_text("Awaiting your response")

    row.locator("a.subject-link").click()
    reply = page.locator(".message-outcoming")
    expect(reply).to_contain_text("Enabled the page cache")
    reply.get_by_role("button", name="Good").click()
    expect(page.locator(".flash-success")).to_contain_text("Thank you")
    expect(reply.get_by_role("button", name="Good")).to_have_attribute("aria-pressed", "true")

    page.fill("textarea[name=message]", "Much faster now, thank you!")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".flash-success")).to_have_text("Your message was sent.")
    expect(page.locator(".message-incoming").last).to_contain_text("Much faster now")

    page.go("/")
    expect(row.get_by_test_id("unread")).to_have_count(0)
    expect(row.locator(".status")).to_have_text("Under review")

    actions.close_tickets([ticket], by=staff)
    page.reload()
    expect(row.locator(".status")).to_have_text("Closed")
    row.locator("input[type=checkbox]").check()
    page.get_by_role("button", name="Archive selected").click()
    expect(page.locator(".flash-success")).to_contain_text("moved to the archive")
    expect(page.locator(f"tr[data-ticket='{ticket.pk}']")).to_have_count(0)

    page.get_by_role("link", name="Archived", exact=True).click()
    archived = page.locator(f"tr[data-ticket='{ticket.pk}']")
    expect(archived.locator(".status")).to_have_text("Archived")
    archived.locator("a.subject-link").click()
    expect(page.get_by_test_id("reopen-note")).to_contain_text("archived")
    expect(page.get_by_test_id("system-message").last).to_contain_text("moved to Archive")


@pytest.mark.django_db(transaction=True)
def test_archiving_a_ticket_still_in_work_is_refused_with_a_reason(portal, tech, staff):
    page = portal
    ticket = open_tech_ticket(page, tech)
    row = page.go("/").locator(f"tr[data-ticket='{ticket.pk}']")
    row.locator("input[type=checkbox]").check()
    page.get_by_role("button", name="Archive selected").click()
    expect(page.locator(".flash-warning")).to_contain_text(f"#{ticket.pk} is not closed yet")
    expect(row.locator(".status")).to_have_text("New")


@pytest.mark.django_db(transaction=True)
def test_a_rate_limited_preview_says_why_in_the_preview_pane(portal, settings):
    settings.PREVIEW_RATE_LIMIT = (0, 10)
    portal.go("/new/")
    portal.fill("textarea[name=message]", "Pages take **10 s** to load.")
    expect(portal.locator(".markdownx-preview")).to_have_text(
        "Too many previews in a short time; the preview resumes in a few seconds."
    )
