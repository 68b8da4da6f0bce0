"""Each figure of the hand-made week (see conftest.py), as the page, the CSV and the API
show it: the three must agree."""

import csv
import io

import pytest
from django.urls import reverse

from tests.reports.conftest import RANGE


def page_tables(client, name, **params):
    response = client.get(reverse(f"desk:report_{name}"), {**RANGE, **params})
    assert response.status_code == 200
    return {table.name: table.rows for table in response.context["report"].tables}


def csv_tables(client, name, **params):
    response = client.get(reverse(f"desk:report_{name}_csv"), {**RANGE, **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    tables, current, header = {}, None, None
    for row in csv.reader(io.StringIO(response.content.decode())):
        if not row:
            current = None
        elif current is None:
            current, header = row[0], None
            tables[current] = []
        elif header is None:
            header = row
        else:
            tables[current].append(row)
    return tables


def api_tables(api, user, name, **params):
    answer = api("report.support", as_user=user, report=name, **RANGE, **params)
    assert answer.error is None, answer.error
    return {
        table["$name"]: [{key: cell["$"] for key, cell in row.items()} for row in table["elem"]]
        for table in answer.doc["table"]
    }


def text(value):
    return "" if value is None else str(value)


def assert_agree(page, csv_rows, api_rows):
    """The same rows, cell by cell, in the same order."""
    for name, rows in page.items():
        expected = [[text(value) for value in row.values()] for row in rows]
        assert csv_rows[name] == expected, name
        assert [list(row.values()) for row in api_rows[name]] == expected, name


def by_name(rows, key="name"):
    return {row[key]: row for row in rows}


@pytest.mark.django_db
def test_response_figures(client, api, root, week):
    client.force_login(root)
    page = page_tables(client, "response", group="department")
    rows = by_name(page["response"])
    tech, sales, everyone = rows["Technical support (HostCo)"], rows["Sales (HostCo)"], rows["All"]
    assert (tech["first_count"], tech["first_median"], tech["first_within_share"]) == (1, 90, 100.0)
    assert (tech["count"], tech["median"], tech["p90"], tech["within_share"]) == (2, 90, 660, 50.0)
    assert (sales["first_count"], sales["first_median"], sales["count"]) == (1, 30, 1)
    assert (everyone["first_count"], everyone["first_median"], everyone["first_p90"]) == (2, 30, 90)
    assert (everyone["count"], everyone["median"], everyone["p90"]) == (3, 90, 660)
    assert everyone["within_share"] == 66.7
    [late] = page["late"]
    assert (late["ticket"], late["first"], late["minutes"], late["late_minutes"]) == (
        week["a"].pk, "no", 660, 540,
    )  # fmt: skip
    assert late["staff"] == "Sam Staff"
    assert_agree(page, csv_tables(client, "response", group="department"),
                 api_tables(api, root, "response", group="department"))  # fmt: skip


@pytest.mark.django_db
def test_response_per_staff_member_and_priority(client, root, week):
    client.force_login(root)
    staff_rows = by_name(page_tables(client, "response", group="staff")["response"])
    assert staff_rows["Sam Staff"]["count"] == 2
    assert staff_rows["Sue Sales"]["first_median"] == 30
    weeks = by_name(page_tables(client, "response", group="week")["response"])
    assert weeks["2026-11-16"]["count"] == 3


@pytest.mark.django_db
def test_load_figures(client, api, root, week):
    client.force_login(root)
    page = page_tables(client, "load")
    days = by_name(page["load"], "day")
    assert [days[f"2026-11-{day}"]["opened"] for day in (16, 17, 18, 19)] == [1, 1, 0, 0]
    assert [days[f"2026-11-{day}"]["answered"] for day in (16, 17, 18, 19)] == [0, 2, 1, 0]
    assert days["2026-11-18"]["closed"] == 1
    assert days["2026-11-19"]["reopened"] == 1
    assert [days[f"2026-11-{day}"]["backlog"] for day in range(16, 23)] == [1, 2, 1, 2, 2, 2, 2]
    work = by_name(page["staff_work"], "staff")
    assert work["Sam Staff"]["replies"] == 2 and work["Sue Sales"]["replies"] == 1
    assert sum(row["open"] for row in page["open_by_responsible"]) == 2
    assert_agree(page, csv_tables(client, "load"), api_tables(api, root, "load"))
    weekly = page_tables(client, "load", step="week")["load"]
    assert weekly == [{"day": "2026-11-16", "opened": 2, "answered": 3, "closed": 1,
                       "reopened": 1, "backlog": 2}]  # fmt: skip


@pytest.mark.django_db
def test_client_figures(client, api, root, week):
    client.force_login(root)
    page = page_tables(client, "clients")
    ratings = by_name(page["ratings_staff"])
    assert (ratings["Sam Staff"]["good"], ratings["Sam Staff"]["bad"]) == (1, 0)
    assert ratings["Sue Sales"]["good_share"] == 0.0
    assert {row["rating"] for row in page["rated_messages"]} == {"good", "bad"}
    assert page["top_clients"] == [{"client": "Acme Hosting", "tickets": 2}]
    assert_agree(page, csv_tables(client, "clients"), api_tables(api, root, "clients"))


@pytest.mark.django_db
def test_staff_see_only_their_departments(client, api, staff, week):
    client.force_login(staff)
    rows = by_name(page_tables(client, "response")["response"])
    assert list(rows) == ["Technical support (HostCo)"]
    assert by_name(page_tables(client, "clients")["ratings_staff"]).keys() == {"Sam Staff"}
    assert list(api_tables(api, staff, "response")["response"][0].values())[0] == (
        "Technical support (HostCo)"
    )


@pytest.mark.django_db
def test_department_filter_narrows(client, root, sales, week):
    client.force_login(root)
    rows = page_tables(client, "response", department=sales.pk)["response"]
    assert [row["name"] for row in rows] == ["Sales (HostCo)"]


@pytest.mark.django_db
def test_numbers_link_to_the_tickets_behind_them(client, root, tech, week):
    client.force_login(root)
    response = client.get(reverse("desk:report_load"), RANGE)
    report = response.context["report"]
    link = report.tables[0].links[0]["opened"]
    assert "created_from=2026-11-16" in link and "created_to=2026-11-16" in link
    listed = client.get(link)
    assert [row["id"] for row in listed.context["rows"]] == [week["a"].pk]
    per_department = client.get(reverse("desk:report_response"), RANGE).context["report"]
    tech_link = per_department.tables[0].links[1]["first_count"]
    assert f"department={tech.pk}" in tech_link
    assert [row["id"] for row in client.get(tech_link).context["rows"]] == [week["a"].pk]
