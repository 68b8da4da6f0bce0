"""A deadline set by hand, from the desk form or the API's `deadline_date` and
`deadline_time`: one reading and one allowed range for both."""

import re
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

END_OF_DAY = time(23, 59, 59)  # a date without a time means the end of that day
# Far dates would overflow when converted between time zones.
FIRST_YEAR, LAST_YEAR = 1970, 2999


# ASCII digits only, and no time zone: a deadline is in the installation's time zone
# (time.fromisoformat would take "12:00Z" or "12:00+05:00" and give an aware time).
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIME = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?")


def parse_day(text: str) -> date:
    """YYYY-MM-DD; ValueError otherwise."""
    if not DAY.fullmatch(text):
        raise ValueError(text)
    return datetime.strptime(text, "%Y-%m-%d").date()


def parse_time(text: str) -> time:
    """HH:MM[:SS]; ValueError otherwise."""
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
