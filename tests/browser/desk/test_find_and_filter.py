"""Finding a ticket and narrowing the lists in Chromium: "/" and the search box, the
client chip and the filter panel as one filter, removable chips, reset, and the empty list
that says what emptied it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ACME_SUBJECTS, GLOBEX_SUBJECTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def rows(page):
    return page.locator("[data-testid=ticket-table] tbody tr[data-ticket]")


def test_slash_focuses_the_search_and_a_word_of_the_third_message_is_found(
    desk_page, browser_data, live_server
):
    page = desk_page()
    page.locator("h1").click()
    page.keyboard.press("/")
    search = page.get_by_role("searchbox", name="Search tickets (press /)")
    expect(search).to_be_focused()
    page.keyboard.type("cart")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/desk/search/\?q=cart$"))
    results = page.get_by_test_id("search-results").locator("li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(ACME_SUBJECTS[0])
    expect(results.first.locator("mark")).to_have_text("cart")
    ticket = browser_data[ACME_SUBJECTS[0]]
    page.get_by_role("searchbox", name="Search tickets", exact=True).fill(f"#{ticket.pk}")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/desk/tickets/{ticket.pk}/")


def test_chip_panel_reset_and_the_empty_list_are_one_filter(desk_page, browser_data):
    page = desk_page()
    everything = rows(page).count()
    assert everything == len(ACME_SUBJECTS) + len(GLOBEX_SUBJECTS)
    globex_row = rows(page).filter(has_text=GLOBEX_SUBJECTS[1])
    globex_row.get_by_role("button", name="Filter by Globex").click()

    chip = page.get_by_test_id("client-chip")
    expect(chip).to_contain_text("Client: Globex")
    expect(rows(page)).to_have_count(len(GLOBEX_SUBJECTS))
    expect(page.locator("#id_client_name")).to_have_value("Globex")  # the panel shows it

    page.get_by_label("Priority", exact=True).select_option(label="high")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_test_id("client-chip")).to_contain_text("Client: Globex")
    expect(page.get_by_test_id("filter-chip")).to_have_text(re.compile(r"Priority: high\s*×"))
    expect(rows(page)).to_have_count(0)
    expect(page.get_by_test_id("empty-reason")).to_contain_text("No tickets match Priority: high.")

    page.get_by_role("button", name="Remove the condition Priority: high").click()
    expect(page.get_by_test_id("filter-chip")).to_have_count(0)
    expect(rows(page)).to_have_count(len(GLOBEX_SUBJECTS))

    page.get_by_label("Priority", exact=True).select_option(label="high")
    page.get_by_role("button", name="Apply").click()
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_test_id("client-chip")).to_have_count(0)
    expect(rows(page)).to_have_count(everything)

    rows(page).filter(has_text=GLOBEX_SUBJECTS[0]).get_by_role(
        "button", name="Filter by Globex"
    ).click()
    expect(rows(page)).to_have_count(len(GLOBEX_SUBJECTS))
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_test_id("client-chip")).to_have_count(0)
    expect(page.locator("#id_client_name")).to_have_value("")
    expect(rows(page)).to_have_count(everything)


def test_a_reversed_date_range_is_refused_with_a_reason(desk_page, browser_data):
    page = desk_page()
    page.get_by_label("Last message from").fill("2026-05-02")
    page.get_by_label("Last message until").fill("2026-05-01")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("This date is before the one it starts from.")).to_be_visible()
    expect(page.get_by_test_id("filter-chip")).to_have_count(0)
