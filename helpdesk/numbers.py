"""Numbers out of request input: one strict reading for the desk, the portal and the API.

Python's int() and Decimal() and Django's number fields also read other scripts' digits
("١" is 1) and underscores ("1_000" is 1000); a count or an amount of money must be
exactly what the person sees, so only ASCII digits (and one decimal point) are numbers."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats

WHOLE = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")
# Dates and times are digits too (strptime reads "٢٠٢٦"), and carry no time zone: they
# are in the installation's.
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TIME = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?")


def is_whole(text) -> bool:
    """Whether `text` is a whole number written in ASCII digits (no sign, no spaces)."""
    return isinstance(text, str) and WHOLE.fullmatch(text) is not None


def parse_whole(text):
    """The int `text` spells in ASCII digits, else None."""
    text = str(text).strip()
    return int(text) if is_whole(text) else None


def parse_decimal(text):
    """The Decimal `text` spells in ASCII digits with at most one decimal point, else None."""
    text = str(text).strip()
    return Decimal(text) if DECIMAL.fullmatch(text) else None


class WholeNumberField(forms.IntegerField):
    """An IntegerField that refuses what is not ASCII digits (a leading minus allowed so
    that min_value can answer a negative number in its own words)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not is_whole(text.removeprefix("-")):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)


class AmountField(forms.DecimalField):
    """A DecimalField that refuses what is not ASCII digits with at most one decimal point."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_decimal(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class StrictIdMixin:
    """For model choice fields: the chosen id must be ASCII digits, or it is no choice."""

    def to_python(self, value):
        chosen = value not in self.empty_values and not isinstance(value, models.Model)
        if chosen and not is_whole(str(value)):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices read by one plain query, kept for the request: `iterator()` opens a
    server-side cursor on PostgreSQL, three round trips for a handful of rows. Made once:
    rendering a select walks its choices several times."""

    listed = None

    def __iter__(self):
        return iter(self.made())

    def __len__(self):
        return len(self.made())

    def __bool__(self):
        return bool(self.made())

    def made(self) -> list:
        if self.listed is None:
            self.listed = list(self.choices())
        return self.listed

    def choices(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        null_label = getattr(self.field, "null_label", None)  # django-filter's fields
        if null_label is not None:
            yield (self.field.null_value, null_label)
        for row in self.queryset:
            yield self.choice(row)


class IdChoiceField(StrictIdMixin, forms.ModelChoiceField):
    iterator = ListedChoiceIterator


class AsciiDateField(forms.DateField):
    """YYYY-MM-DD in ASCII digits, as a date input sends it."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not DAY.fullmatch(value.strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class AsciiTimeField(forms.TimeField):
    """HH:MM[:SS] in ASCII digits, without a time zone, as a time input sends it."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not TIME.fullmatch(value.strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class ClockInput(forms.TimeInput):
    """A time typed as 24-hour HH:MM. A browser's own time picker shows AM/PM in some
    locales; the helpdesk writes every time in one 24-hour format."""

    def __init__(self, attrs=None):
        attrs = {"inputmode": "numeric", "pattern": r"[0-2]?[0-9]:[0-5][0-9](:[0-5][0-9])?",
                 "placeholder": "HH:MM", "size": 5, **(attrs or {})}  # fmt: skip
        super().__init__(attrs, format="%H:%M")


def money(amount) -> str:
    """An amount as the active language writes it, always with two decimals (10,00 in
    Spanish), for sentences built in Python; templates localize by themselves."""
    return formats.number_format(amount, decimal_pos=2, use_l10n=True)
