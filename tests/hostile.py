"""What the hostile-request sweeps send: the names of every field a request can carry, and
values made to break them (repeated, with NUL characters, with time zones)."""

import re
from pathlib import Path

import django_filters
from django import forms

import helpdesk

ROOT = Path(helpdesk.__file__).resolve().parent.parent
# Parameters read raw from request.GET/POST, the API's `call`, or a form of another app.
RAW_READ = re.compile(
    r"""(?:GET|POST|call|self|params|query)\.(?:get|getlist|has|flag|ids|id|optional_id|positive)"""
    r"""\(\s*["'](\w+)["']"""
)
DATES = "2026-01-01"
TIMEZONED_DATES = ["2026-01-01T12:00+05:00", "2026-01-01Z", "2026-01-01+05:00"]
TIMEZONED_TIMES = ["12:00+05:00", "12:00Z", "12:00:00-03:30"]


def project_classes(base):
    found, todo = [], [base]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith(("helpdesk.", "accounts.")):
                found.append(sub)
    return found


def form_fields() -> dict:
    """Every field of every form and filter of the project: name → its form field class."""
    import helpdesk.urls  # noqa: F401 - imports every view, so every form class exists

    fields = {}
    for form in project_classes(forms.Form):
        fields.update({name: type(field) for name, field in form.base_fields.items()})
    for filterset in project_classes(django_filters.FilterSet):
        for name, each in filterset.base_filters.items():
            fields.setdefault(name, each.field_class)
    return fields


def raw_names() -> set:
    """The parameter names the code reads raw, found in its source."""
    names = set()
    for path in [
        *ROOT.joinpath("helpdesk").rglob("*.py"),
        *ROOT.joinpath("accounts").rglob("*.py"),
    ]:
        names.update(RAW_READ.findall(path.read_text()))
    return names


def all_names() -> list:
    return sorted(set(form_fields()) | raw_names() | {"form_token"})


def plain_values(ticket, message) -> dict:
    """A value for every field name, plausible enough to get past the first checks."""
    special = {
        "elid": str(ticket.pk), "ticket": str(ticket.pk), "plid": str(ticket.pk),
        "seen_message": str(message.pk), "seen_message_id": str(message.pk),
        "message": "Hello", "note_message": "Note", "subject": "Subject", "name": "Subject",
        "next": "/", "deadline_date": DATES, "deadline_time": "12:00", "created_from": DATES,
        "created_to": DATES, "props": "unread", "amount": "1.50", "ticket_expense": "1.50",
        "show_abuse": "on", "sok": "ok", "q": "Acme", "rating": "good", "action": "forward",
    }  # fmt: skip
    return {name: special.get(name, "1") for name in all_names()}


def is_date(field) -> bool:
    return issubclass(field, forms.DateField | forms.DateTimeField)


def is_time(field) -> bool:
    return issubclass(field, forms.TimeField)


def repeated(plain: dict) -> dict:
    """Every field given twice, with two different values a field could each accept."""
    fields = form_fields()
    data = {}
    for name, value in plain.items():
        if name in IDENTITY:
            data[name] = value
            continue
        field = fields.get(name)
        if field is not None and is_date(field):
            data[name] = [DATES, "2026-02-03"]
        elif field is not None and is_time(field):
            data[name] = ["12:00", "13:30"]
        else:
            data[name] = [value, "2"]
    return data


# What names the object and commits: kept in the short variants, whose other fields are
# only the dates and times, so no other field's error can stop the form before them.
IDENTITY = ("elid", "plid", "ticket", "sok")


def short(plain: dict) -> dict:
    return {name: plain[name] for name in IDENTITY if name in plain}


def timezoned(plain: dict, spelling: int = 0) -> list[dict]:
    """Every date and time field carrying a time zone (the `spelling`-th way of writing
    one), among all the other fields and among the identity fields only."""
    fields = form_fields()
    dates = [name for name, field in fields.items() if is_date(field)]
    times = [name for name, field in fields.items() if is_time(field)]
    index = spelling % len(TIMEZONED_DATES)
    date_text, time_text = TIMEZONED_DATES[index], TIMEZONED_TIMES[index]
    return [
        {**base, **dict.fromkeys(dates, day), **dict.fromkeys(times, time_text)}
        for base in (plain, short(plain))
        for day in (date_text, DATES)
    ]
