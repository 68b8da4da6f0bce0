"""The report pages' input, access and cost; the catch-up and the rebuild."""

from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from helpdesk.reports.aggregate import recompute_day
from helpdesk.reports.buckets import EDGES, bucket_of, business_minutes, percentile
from helpdesk.reports.maintenance import catch_up
from helpdesk.reports.models import CatchUp, DayFigure, Metric
from helpdesk.tickets import actions
from tests.reports.conftest import RANGE, moment

PAGES = ["desk:report_response", "desk:report_load", "desk:report_clients"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_reversed_custom_range_is_refused(client, root, name):
    client.force_login(root)
    response = client.get(reverse(name), {**RANGE, "start": "2026-11-22", "end": "2026-11-16"})
    assert response.status_code == 400
    assert "starts after it ends" in response.content.decode()
    assert response.context["report"] is None
    csv = client.get(reverse(name + "_csv"), {**RANGE, "start": "2026-11-22", "end": "2026-11-16"})
    assert csv.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"period": "custom", "start": "2026-11-01"},
        {"period": "custom", "start": "2020-01-01", "end": "2026-01-01"},
        {"period": "custom", "start": "２０２６-11-01", "end": "2026-11-02"},
        {"period": "365"},
        {"department": "1e3"},
        {"group": "nonsense"},
    ],
)
def test_bad_filters_get_a_clear_error(client, root, params):
    client.force_login(root)
    response = client.get(reverse("desk:report_response"), params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_staff_cannot_filter_on_another_department(client, staff, sales):
    client.force_login(staff)
    response = client.get(reverse("desk:report_response"), {"department": sales.pk})
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_clients_are_refused(client, client_user, name):
    client.force_login(client_user)
    assert client.get(reverse(name)).status_code in (302, 403)


@pytest.mark.django_db
def test_api_refuses_clients_and_bad_input(api, client_user, root):
    assert api("report.support", as_user=client_user).error_kind() == ("access", "report.support")
    reversed_range = {**RANGE, "start": "2026-11-22", "end": "2026-11-16"}
    assert api("report.support", as_user=root, **reversed_range).error_kind() == ("value", "period")
    assert api("report.support", as_user=root, report="x").error_kind() == ("value", "report")


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow_with_the_data(client, root, staff, client_user, tech, name):
    """5 tickets or 50, opened and answered: the page asks the same number of queries."""
    client.force_login(root)
    counts = []
    for more in (5, 45):
        for index in range(more):
            ticket = actions.open_ticket(
                client_user.client, author=client_user, subject=f"T{index}", body="b",
                department=tech,
            )  # fmt: skip
            actions.post_staff_reply(ticket, author=staff, body="ok")
        recompute_day(timezone.localdate())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name), {"period": "7"}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_catch_up_is_idempotent_and_picks_up_new_work(staff, ticket):
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
    assert catch_up(now=noon) == 15  # the first run: the last two weeks and today
    assert catch_up(now=noon + timedelta(minutes=1)) == 1  # then today
    first = sorted(DayFigure.objects.values_list("day", "metric", "count"))
    assert (timezone.localdate(), Metric.OPENED, 1) in first
    catch_up()
    assert sorted(DayFigure.objects.values_list("day", "metric", "count")) == first
    actions.post_staff_reply(ticket, author=staff, body="Done")
    catch_up()
    replies = DayFigure.objects.filter(metric=Metric.REPLIES, staff=staff)
    assert sum(replies.values_list("count", flat=True)) == 1
    assert CatchUp.objects.count() == 1


@pytest.mark.django_db
def test_catch_up_after_a_day_off_recomputes_the_missed_days(ticket):
    CatchUp.objects.create(pk=CatchUp.ONE, through=timezone.now() - timedelta(days=3))
    assert catch_up() == 15  # 14 days back for late ratings, and today


@pytest.mark.django_db
def test_maintenance_runs_the_catch_up(ticket):
    call_command("helpdesk_maintenance", "--inline", stdout=None)
    assert DayFigure.objects.filter(metric=Metric.OPENED).exists()


@pytest.mark.django_db
def test_rebuild_refuses_a_bad_date():
    with pytest.raises(CommandError):
        call_command("rebuild_reports", "--from", "16.11.2026")


def test_percentiles_are_read_at_bucket_edges():
    histogram = {bucket_of(30): 1, bucket_of(90): 1, bucket_of(661): 1}
    assert percentile(histogram, 0.5) == 90
    assert percentile(histogram, 0.9) == 720  # 661 falls in the bucket up to 720
    assert percentile({}, 0.5) is None
    assert percentile({bucket_of(10**6): 2}, 0.5) == -1
    assert all(bucket_of(edge) == index for index, edge in enumerate(EDGES))


@pytest.mark.django_db
def test_business_minutes_skip_nights_and_weekends(tech):
    friday_five_pm, monday_ten = moment(20, 17), moment(23, 10)
    assert business_minutes(tech, friday_five_pm, monday_ten) == 60 + 60
    assert business_minutes(tech, monday_ten, friday_five_pm) == 0
    tech.workdays = ""
    assert business_minutes(tech, friday_five_pm, monday_ten) == 65 * 60
