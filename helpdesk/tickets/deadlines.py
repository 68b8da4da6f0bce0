"""A deadline set by hand, from the desk form or the API's `deadline_date` and
`deadline_time`: one reading and one allowed range for both."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpdesk.numbers import DAY, TIME

END_OF_DAY = time(23, 59, 59)  # a date without a time means the end of that day
# Far dates would overflow when converted between time zones.
FIRST_YEAR, LAST_YEAR = 1970, 2999


def parse_day(text: str) -> date:
    """YYYY-MM-DD; ValueError otherwise."""
    if not DAY.fullmatch(text):
        raise ValueError(text)
    return datetime.strptime(text, "%Y-%m-%d").date()


def parse_time(text: str) -> time:
    """HH:MM[:SS]; ValueError otherwise (time.fromisoformat alone would also take "12:00Z"
    and give an aware time, which no deadline in local time can be combined with)."""
    if not TIME.fullmatch(text):
        raise ValueError(text)
    return time.fromisoformat(text)


def validate_day(day: date) -> None:
    """The validator of a deadline's date: a year this installation can store."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="year",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def deadline_at(day: date, moment: time | None = None):
    """The aware moment of a deadline; ValidationError for a date out of range."""
    validate_day(day)
    return timezone.make_aware(datetime.combine(day, END_OF_DAY if moment is None else moment))
