"""Take the README's screenshots of the desk and the portal from a running, seeded server.

    DEBUG=1 .venv/bin/python manage.py seed_demo
    DEBUG=1 .venv/bin/python manage.py runserver 8000 &
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000

Writes docs/screenshots/desk-queue.png, desk-ticket.png, portal-list.png,
portal-ticket.png, portal-new-ticket.png and desk-report-{response,load,clients}.png
(after `manage.py rebuild_reports`), and the phone versions (390 px wide) of the desk and
portal pages as *-phone.png, in the system Chromium.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PREVIEW_MS = 1200  # the markdownx live preview renders after a pause in typing
STAFF_DRAFT = (
    "Hello Alice,\n\nsome resolvers still cache the **old answer**; it expires with the "
    "record's TTL. Public resolvers already see the new address:\n\n"
    "```\n$ dig +short shop.acme.example @8.8.8.8\n203.0.113.176\n```\n\n"
    "Your colleague's office should follow within the hour."
)
CLIENT_DRAFT = (
    "Since **09:40** every message to `@gmail.com` bounces with:\n\n"
    "```\n550 5.7.26 Unauthenticated email\n```\n\nCould you check SPF and DKIM?"
)


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.click("button[type=submit]")
    page.wait_for_load_state()


PHONE = {"width": 390, "height": 844}


def desk(browser, base, viewport=None, suffix=""):
    page = browser.new_page(viewport=viewport or {"width": 1366, "height": 900})
    log_in(page, base, "staff")
    page.goto(f"{base}/desk/")
    page.screenshot(path=OUT / f"desk-queue{suffix}.png")
    row = page.locator("tr[data-ticket]", has=page.get_by_text("Acme Hosting")).first
    page.goto(f"{base}{row.locator('td.subject a').get_attribute('href')}")
    page.fill("textarea[name=message]", STAFF_DRAFT)
    page.wait_for_timeout(PREVIEW_MS)
    page.screenshot(path=OUT / f"desk-ticket{suffix}.png", full_page=True)


def portal(browser, base, viewport=None, suffix=""):
    page = browser.new_page(viewport=viewport or {"width": 1366, "height": 860})
    log_in(page, base, "client")
    page.goto(f"{base}/")
    page.screenshot(path=OUT / f"portal-list{suffix}.png")
    answered = page.locator("tr", has=page.locator(".status-awaiting")).first
    page.goto(f"{base}{answered.locator('a.subject-link').get_attribute('href')}")
    page.screenshot(path=OUT / f"portal-ticket{suffix}.png", full_page=True)
    page.goto(f"{base}/new/")
    tech = page.locator("optgroup[label=HostCo] option", has_text="Technical support")
    page.select_option("select[name=department]", tech.get_attribute("value"))
    page.fill("input[name=subject]", "Mail to Gmail bounces since this morning")
    page.fill("textarea[name=message]", CLIENT_DRAFT)
    page.wait_for_timeout(PREVIEW_MS)
    page.screenshot(path=OUT / f"portal-new-ticket{suffix}.png", full_page=True)


def reports(browser, base):
    """The three support reports as root, last 30 days (run `manage.py rebuild_reports`
    after seeding)."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    log_in(page, base, "root")
    for name, path in [("response", ""), ("load", "load/"), ("clients", "clients/")]:
        page.goto(f"{base}/desk/reports/{path}?period=30")
        page.wait_for_function("() => window.reportChart !== undefined")
        page.screenshot(path=OUT / f"desk-report-{name}.png", full_page=True)


def main(base):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        desk(browser, base)
        portal(browser, base)
        desk(browser, base, PHONE, "-phone")
        portal(browser, base, PHONE, "-phone")
        reports(browser, base)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
