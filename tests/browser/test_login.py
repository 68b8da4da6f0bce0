import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_staff_logs_in_and_lands_on_the_queue(page, browser_login, live_server, staff):
    browser_login(page, "staff")
    expect(page).to_have_url(f"{live_server.url}/desk/")
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()
