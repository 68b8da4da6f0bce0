import pytest
from playwright.sync_api import expect

from tests.otp import code_from_secret

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_staff_enrols_an_authenticator_then_logs_in_with_password_and_code(
    page, browser_login, live_server, staff
):
    page.set_default_timeout(10_000)
    browser_login(page, "staff")
    page.get_by_role("link", name="Security").click()
    page.get_by_role("button", name="Set up an authenticator app").click()
    expect(page.get_by_role("img", name="QR code of the secret")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_label("The code the app shows now").fill(code_from_secret(secret))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)

    page.get_by_role("button", name="Log out").click()
    browser_login(page, "staff")
    expect(page.get_by_role("heading", name="Two-factor login")).to_be_visible()
    expect(page.get_by_role("link", name="Queue")).to_have_count(0)
    # The enrolment used this 30-second step's code; the app's next one is still good.
    page.get_by_label("Code").fill(code_from_secret(secret, ahead=1))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(f"{live_server.url}/desk/")
    expect(page.get_by_role("heading", name="Queue")).to_be_visible()
