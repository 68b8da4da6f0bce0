"""helpdesk.tickets.deadlines: the one reading and range of a deadline set by hand."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from helpdesk.tickets import deadlines


def test_a_date_alone_means_the_end_of_that_day():
    moment = timezone.localtime(deadlines.deadline_at(deadlines.parse_day("2030-01-02")))
    assert moment.strftime("%Y-%m-%d %H:%M:%S") == "2030-01-02 23:59:59"


def test_a_date_and_time():
    moment = deadlines.deadline_at(date(2030, 1, 2), deadlines.parse_time("10:30"))
    assert timezone.localtime(moment).time() == time(10, 30)


@pytest.mark.parametrize("day", [date(1969, 12, 31), date(3000, 1, 1), date(9999, 12, 31)])
def test_far_dates_are_refused(day):
    with pytest.raises(ValidationError, match="between 1970 and 2999"):
        deadlines.deadline_at(day)


@pytest.mark.parametrize("text", ["2030-13-45", "02.01.2030", ""])
def test_bad_dates_are_value_errors(text):
    with pytest.raises(ValueError):
        deadlines.parse_day(text)
