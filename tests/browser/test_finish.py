"""The finishing touches a person notices: the phone menu, the skip link, the language
picker's button, the charge form's balance after and its confirmation."""

import pytest
from playwright.sync_api import expect

from helpdesk.incidents.models import TicketExpense

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_folds_into_a_menu_on_a_phone(page, browser_login, live_server, browser_data):
    page.set_viewport_size({"width": 390, "height": 800})
    browser_login(page, "client")
    log_out = page.get_by_role("button", name="Log out")
    expect(log_out).to_be_hidden()
    menu = page.get_by_role("button", name="Menu")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(log_out).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 800})
    expect(menu).to_be_hidden()
    expect(log_out).to_be_visible()


def test_the_skip_link_leads_to_the_main_content(page, browser_login, browser_data):
    browser_login(page, "client")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_the_language_changes_on_the_button_not_on_an_arrow_key(page, browser_login, browser_data):
    browser_login(page, "client")
    picker = page.get_by_label("Language")
    picker.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("heading", name="My tickets")).to_be_visible()  # still English
    picker.select_option("es")
    page.get_by_role("button", name="Switch").click()
    expect(page.get_by_role("heading", name="Mis tickets")).to_be_visible()


def test_the_charge_form_shows_the_balance_after_and_asks_first(
    page, browser_login, live_server, browser_data
):
    ticket = browser_data["Website returns 502 after the update"]
    browser_login(page, "staff")
    page.goto(f"{live_server.url}/desk/tickets/{ticket.pk}/charge/")
    after = page.get_by_test_id("balance-after")
    expect(after).to_contain_text("Balance now: 100.00")
    page.get_by_label("Amount").fill("30.50")
    expect(after.locator("output")).to_have_text("69.50")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Charge").click()
    assert not TicketExpense.objects.exists()  # dismissed: nothing charged
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Charge").click()
    expect(page.locator(".flash-success")).to_contain_text("Charged 30.50")
    assert TicketExpense.objects.get().amount == 30.5


def test_dark_mode_follows_the_system_and_stays_readable(
    page, browser_login, live_server, browser_data
):
    from tests.browser.every_page import check_page

    page.emulate_media(color_scheme="dark")
    ticket = browser_data["Website returns 502 after the update"]
    findings = []
    for username, paths in [("client", ["/", f"/tickets/{ticket.pk}/", "/paid-support/"]),
                            ("staff", ["/desk/", f"/desk/tickets/{ticket.pk}/"])]:  # fmt: skip
        browser_login(page, username)
        for path in paths:
            page.goto(live_server.url + path)
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background != "rgb(255, 255, 255)", path  # not the forced light theme
            findings.append(check_page(page, 1366))
        page.context.clear_cookies()
    assert not any(findings), "\n".join(str(each) for each in findings if each)
