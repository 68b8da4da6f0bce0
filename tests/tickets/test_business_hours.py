"""Business hours per weekday, overnight shifts, days off, holidays and the department's
time zone, as the response deadline of a new ticket counts them (and the reports)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from helpdesk.reports.buckets import business_minutes
from helpdesk.tickets import actions
from helpdesk.tickets.models import BusinessHours, Holiday
from helpdesk.tickets.regulation import response_deadline

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def at(day, hour, minute=0, zone=UTC):
    """A moment in the first week of December 2026: day 7 is a Monday."""
    return datetime(2026, 12, day, hour, minute, tzinfo=zone)


def hours(department, *spans):
    for weekday, opens, closes in spans:
        BusinessHours.objects.create(
            department=department, weekday=weekday, opens=time(*opens), closes=time(*closes)
        )


def test_each_weekday_has_its_own_hours(tech):
    hours(tech, (1, (9, 0), (18, 0)), (2, (12, 0), (16, 0)))
    tech.response_minutes = 120
    # Monday 17:00: one hour on Monday, the second from Tuesday's noon opening.
    assert response_deadline(tech, at(7, 17)) == at(8, 13)


def test_a_weekday_without_hours_is_a_day_off(tech):
    hours(tech, *[(day, (9, 0), (18, 0)) for day in range(1, 6)])
    tech.response_minutes = 60
    # Friday 17:30: half an hour on Friday, the rest on Monday morning.
    assert response_deadline(tech, at(11, 17, 30)) == at(14, 9, 30)


def test_an_overnight_shift_closes_the_next_morning(tech):
    hours(tech, *[(day, (22, 0), (6, 0)) for day in range(1, 8)])
    tech.response_minutes = 180
    assert response_deadline(tech, at(7, 23)) == at(8, 2)  # Monday 23:00 → Tuesday 02:00
    # Tuesday 05:00 is inside Monday night's shift: one hour, then Tuesday night.
    assert response_deadline(tech, at(8, 5)) == at(9, 0)
    assert business_minutes(tech, at(7, 21), at(8, 7)) == 8 * 60


def test_holidays_are_skipped(tech):
    hours(tech, *[(day, (9, 0), (18, 0)) for day in range(1, 6)])
    Holiday.objects.create(department=tech, day=date(2026, 12, 8), name="Immaculate Conception")
    tech.response_minutes = 60
    # Monday 17:30 → Tuesday is a holiday → Wednesday 09:30.
    assert response_deadline(tech, at(7, 17, 30)) == at(9, 9, 30)


def test_hours_are_read_in_the_departments_time_zone(tech):
    tokyo = ZoneInfo("Asia/Tokyo")
    tech.time_zone = "Asia/Tokyo"
    hours(tech, (1, (9, 0), (18, 0)))
    tech.response_minutes = 60
    # Monday 00:00 UTC is 09:00 in Tokyo: the deadline is 10:00 there, 01:00 UTC.
    deadline = response_deadline(tech, at(7, 0))
    assert deadline == at(7, 10, zone=tokyo) == at(7, 1)


def test_without_per_day_hours_the_uniform_hours_still_apply(tech):
    tech.workdays, tech.workday_start, tech.workday_end = "12345", time(9), time(18)
    tech.response_minutes = 60
    assert response_deadline(tech, at(11, 17, 30)) == at(14, 9, 30)


def test_a_new_ticket_gets_its_deadline_from_the_schedule(tech, client_user):
    hours(tech, (2, (12, 0), (16, 0)))
    tech.response_minutes = 30
    tech.save()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.now", lambda: at(7, 10))
        ticket = actions.open_ticket(
            client_user.client, author=client_user, subject="Hi", body="Hello", department=tech
        )
    assert ticket.deadline == at(8, 12, 30)


def test_the_admin_edits_hours_per_day_and_explains_errors_in_words(client, root, tech):
    client.force_login(root)
    url = reverse("admin:tickets_department_change", args=[tech.pk])
    form = {
        "provider": tech.provider_id, "name": tech.name, "shown_to_clients": "on",
        "weight": 0, "response_minutes": 60, "time_zone": "Europe/Madrid",
        "workdays": "12345", "workday_start": "18:00", "workday_end": "09:00",
        "hours-TOTAL_FORMS": 1, "hours-INITIAL_FORMS": 0,
        "hours-0-weekday": 6, "hours-0-opens": "22:00", "hours-0-closes": "06:00",
        "holidays-TOTAL_FORMS": 1, "holidays-INITIAL_FORMS": 0,
        "holidays-0-day": "2026-12-25", "holidays-0-name": "Christmas",
    }  # fmt: skip
    refused = client.post(url, form).content.decode()
    assert "Business hours must end after they start" in refused
    assert "department_business_hours_ordered" not in refused
    assert not BusinessHours.objects.exists()

    form.update(workday_start="09:00", workday_end="18:00")
    assert client.post(url, form).status_code == 302
    tech.refresh_from_db()
    assert tech.time_zone == "Europe/Madrid"
    assert str(tech.hours.get()) == "Saturday 22:00–06:00"
    assert tech.holidays.get().day == date(2026, 12, 25)
