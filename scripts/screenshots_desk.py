"""Take the staff desk's screenshots for the README from a running, seeded server.

    DEBUG=1 .venv/bin/python manage.py seed_demo
    DEBUG=1 .venv/bin/python manage.py runserver 8000 &
    .venv/bin/python scripts/screenshots_desk.py http://127.0.0.1:8000

Writes docs/screenshots/desk-queue.png and desk-ticket.png. The ticket shown is Acme
Hosting's busiest ticket in the queue, with a reply being written so the preview shows.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
VIEWPORT = {"width": 1440, "height": 900}
DRAFT = (
    "Hello Alice,\n\nsome resolvers still cache the **old answer**; it expires with the "
    "record's TTL. Public resolvers already see the new address:\n\n"
    "```\n$ dig +short shop.acme.example @8.8.8.8\n203.0.113.176\n```\n\n"
    "Your colleague's office should follow within the hour."
)


def log_in(page, base, username="staff", password="demo"):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def acme_ticket(page) -> str:
    row = page.locator("tr[data-ticket]", has=page.get_by_text("Acme Hosting")).first
    return row.locator("td.subject a").get_attribute("href")


def main(base):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page(viewport=VIEWPORT)
        log_in(page, base)
        page.goto(f"{base}/desk/")
        page.screenshot(path=OUT / "desk-queue.png")
        page.goto(f"{base}{acme_ticket(page)}")
        page.fill("textarea[name=message]", DRAFT)
        page.wait_for_timeout(1200)  # the live preview
        page.screenshot(path=OUT / "desk-ticket.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
