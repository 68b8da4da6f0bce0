"""Each report in Chromium: the chart draws under the strict CSP, and changing the period
or the department changes both the chart and the table."""

import json

import pytest
from django.utils import timezone

from helpdesk.messages.actions import rate_message
from helpdesk.reports.aggregate import recompute_day
from helpdesk.tickets import actions
from tests.reports.conftest import FIRST, LAST

pytestmark = pytest.mark.browser

REPORTS = ["/desk/reports/", "/desk/reports/load/", "/desk/reports/clients/"]


@pytest.fixture
def report_data(transactional_db, week, client_user, staff, tech):
    """The hand-made week, and today two tickets of Technical support, one answered."""
    for subject in ("Today one", "Today two"):
        ticket = actions.open_ticket(
            client_user.client, author=client_user, subject=subject, body="Help", department=tech
        )
    reply = actions.post_staff_reply(ticket, author=staff, body="Done")
    rate_message(reply, rating="good")
    recompute_day(timezone.localdate())
    return week


def chart_and_table(page):
    page.wait_for_function("() => window.reportChart !== undefined")
    chart = page.evaluate(
        "() => JSON.stringify([window.reportChart.data.labels,"
        " window.reportChart.data.datasets.map(d => d.data)])"
    )
    return json.loads(chart), page.inner_text("section.report-table")


@pytest.mark.parametrize("path", REPORTS)
def test_period_and_department_change_chart_and_table(
    page, browser_login, live_server, report_data, root, sales, path
):
    problems = []
    # Refused scripts or styles (the CSP) and script errors; not the browser's favicon probe.
    page.on("console", lambda message: "Content Security Policy" in message.text
            and problems.append(message.text))  # fmt: skip
    page.on("pageerror", lambda error: problems.append(str(error)))
    browser_login(page, "root")
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}{path}?period=7")
    last_week = chart_and_table(page)
    assert last_week[0][0], "the chart has labels"

    page.select_option("select[name=period]", "custom")
    page.fill("input[name=start]", FIRST.isoformat())
    page.fill("input[name=end]", LAST.isoformat())
    page.click("form#report-filter button[type=submit]")
    page.wait_for_load_state()
    hand_made_week = chart_and_table(page)
    assert hand_made_week[0] != last_week[0] or hand_made_week[0][1] != last_week[0][1]
    assert hand_made_week[1] != last_week[1]

    page.select_option("select[name=department]", str(sales.pk))
    page.click("form#report-filter button[type=submit]")
    page.wait_for_load_state()
    sales_only = chart_and_table(page)
    assert sales_only != hand_made_week
    assert sales_only[1] != hand_made_week[1]
    assert page.locator("a.report-csv").get_attribute("href").count(f"department={sales.pk}&") == 1
    assert problems == []
