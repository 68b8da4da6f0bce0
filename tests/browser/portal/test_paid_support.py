"""Paid support in the system Chromium: buying incidents and opening a paid ticket."""

import pytest
from playwright.sync_api import expect

from helpdesk.tickets.models import Ticket

pytestmark = pytest.mark.browser


def ask_to_buy(page, provider, count):
    page.go("/paid-support/")
    page.select_option("select[name=provider]", str(provider.pk))
    page.fill("input[name=count]", str(count))
    page.get_by_role("button", name="Continue").click()


@pytest.mark.django_db(transaction=True)
def test_buying_incidents_with_and_without_enough_balance(portal, hostco):
    page = portal
    ask_to_buy(page, hostco, 20)
    expect(page.get_by_test_id("total")).to_have_text("200.00 USD")
    expect(page.get_by_test_id("low-balance")).to_contain_text("Top up your balance first")
    expect(page.get_by_role("button", name="Buy for")).to_be_disabled()
    page.get_by_role("link", name="Change").click()
    expect(page.get_by_test_id(f"incidents-left-{hostco.pk}")).to_have_text("0")
    expect(page.get_by_test_id("balance")).to_have_text("100.00")

    ask_to_buy(page, hostco, 3)
    expect(page.get_by_test_id("low-balance")).to_have_count(0)
    page.get_by_role("button", name="Buy for 30.00 USD").click()
    expect(page.locator(".flash-success")).to_have_text("You bought 3 incidents for 30.00 USD.")
    expect(page.get_by_test_id(f"incidents-left-{hostco.pk}")).to_have_text("3")
    expect(page.get_by_test_id("balance")).to_have_text("70.00")
    expect(page.locator(".history")).to_contain_text("3 paid incidents")


def fill_billing_ticket(page, billing):
    page.go("/new/")
    page.select_option("select[name=department]", str(billing.pk))
    page.fill("input[name=subject]", "Invoice 2041 charged twice")
    page.fill("textarea[name=message]", "Please refund the second charge.")


@pytest.mark.django_db(transaction=True)
def test_billing_ticket_without_and_with_an_incident_left(portal, hostco, billing):
    page = portal
    fill_billing_ticket(page, billing)
    expect(page.get_by_test_id(f"incident-note-{hostco.pk}")).to_contain_text("no incidents left")
    page.get_by_role("button", name="Send ticket").click()
    expect(page.locator(".field-error")).to_contain_text("no incidents left")
    expect(page.locator("input[name=subject]")).to_have_value("Invoice 2041 charged twice")
    assert not Ticket.objects.filter(subject="Invoice 2041 charged twice").exists()

    page.get_by_role("link", name="Buy incidents under Paid support").click()
    ask_to_buy(page, hostco, 1)
    page.get_by_role("button", name="Buy for 10.00 USD").click()
    expect(page.get_by_test_id(f"incidents-left-{hostco.pk}")).to_have_text("1")

    fill_billing_ticket(page, billing)
    expect(page.get_by_test_id(f"incident-note-{hostco.pk}")).to_contain_text(
        "You have 1 incident left"
    )
    page.get_by_role("button", name="Send ticket").click()
    expect(page.locator(".flash-success")).to_contain_text("was sent")
    page.go("/paid-support/")
    expect(page.get_by_test_id(f"incidents-left-{hostco.pk}")).to_have_text("0")
    expect(page.locator(".history")).to_contain_text("Used for a ticket")
