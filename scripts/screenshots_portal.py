"""Take the client portal's screenshots for the README from a running, seeded server.

    DEBUG=1 .venv/bin/python manage.py seed_demo
    DEBUG=1 .venv/bin/python manage.py runserver 8000 &
    .venv/bin/python scripts/screenshots_portal.py http://127.0.0.1:8000

Writes docs/screenshots/portal-list.png, portal-ticket.png and portal-new-ticket.png.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 860}


def log_in(page, base, username="client", password="demo"):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def busiest_answered_ticket(page):
    """The answered ticket with the most to show: a staff reply to rate."""
    row = page.locator("tr", has=page.locator(".status-awaiting")).first
    return row.locator("a.subject-link").get_attribute("href")


def main(base):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page(viewport=VIEWPORT)
        log_in(page, base)
        page.goto(f"{base}/")
        page.screenshot(path=OUT / "portal-list.png", full_page=False)
        page.goto(f"{base}{busiest_answered_ticket(page)}")
        page.screenshot(path=OUT / "portal-ticket.png", full_page=True)
        page.goto(f"{base}/new/")
        tech = page.locator("optgroup[label=HostCo] option", has_text="Technical support")
        page.select_option("select[name=department]", tech.get_attribute("value"))
        page.fill("input[name=subject]", "Mail to Gmail bounces since this morning")
        page.fill(
            "textarea[name=message]",
            "Since **09:40** every message to `@gmail.com` bounces with:\n\n"
            "```\n550 5.7.26 Unauthenticated email\n```\n\nCould you check SPF and DKIM?",
        )
        page.wait_for_timeout(1200)  # the live preview
        page.screenshot(path=OUT / "portal-new-ticket.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
