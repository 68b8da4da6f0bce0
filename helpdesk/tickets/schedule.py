"""A department's working time: the spans its business hours open, day by day, in its own
time zone, skipping its holidays. The response deadline (regulation) and the reports'
business minutes both count time through here, so they always agree."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from helpdesk.tickets.zones import department_zone

# How far ahead (and, for the reports, across) a schedule is walked; a department open
# once a year still gets a deadline, one with no hours at all counts the wall clock.
HORIZON_DAYS = 800
Span = tuple[time, time]


def week_of(department) -> dict[int, list[Span]]:
    """Weekday (1 = Monday) → its spans, from the per-day editor, else the uniform hours.
    Read once per department object (the reports reuse one per department)."""
    uniform = (department.workdays, department.workday_start, department.workday_end)
    cached = getattr(department, "_week", None)
    if cached is not None and cached[0] == uniform:
        return cached[1]
    week: dict[int, list[Span]] = {day: [] for day in range(1, 8)}
    rows = list(department.hours.all()) if department.pk else []
    if rows:
        for row in rows:
            week[row.weekday].append((row.opens, row.closes))
    else:
        for day in {int(d) for d in department.workdays if d in "1234567"}:
            week[day].append((department.workday_start, department.workday_end))
    for spans in week.values():
        spans.sort()
    department._week = (uniform, week)
    return week


def holidays_of(department, first: date, last: date) -> set[date]:
    if not department.pk:
        return set()
    days = department.holidays.filter(day__range=(first, last)).values_list("day", flat=True)
    return set(days)


def has_hours(department) -> bool:
    return any(week_of(department).values())


def spans(department, start: datetime, end: datetime | None = None) -> Iterator[tuple]:
    """The (opens, closes) moments, in order, of the spans that end after `start` (and
    begin before `end` when given). Overnight spans close on the next day."""
    zone = department_zone(department)
    week = week_of(department)
    first = start.astimezone(zone).date() - timedelta(days=1)  # last night's shift
    last = (end.astimezone(zone).date() if end else first) + timedelta(days=HORIZON_DAYS)
    off = holidays_of(department, first, last)
    day = first
    while day <= last:
        if day not in off:
            for opens, closes in week[day.isoweekday()]:
                opening = datetime.combine(day, opens, tzinfo=zone)
                closing_day = day + timedelta(days=1) if closes <= opens else day
                closing = datetime.combine(closing_day, closes, tzinfo=zone)
                if end is not None and opening >= end:
                    return
                if closing > start:
                    yield opening, closing
        day += timedelta(days=1)
