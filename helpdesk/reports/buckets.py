"""Response times are kept as histograms, so a median or a 90th percentile over any period
and filter is a sum of daily rows. Each bucket holds the times up to its upper edge; a
percentile is read as the edge of the bucket it falls in (5-minute steps in the first
hour, 15 up to 8 hours, hourly up to 2 days, daily up to 30 days)."""

from datetime import datetime

from helpdesk.tickets import schedule

EDGES = (
    list(range(0, 60, 5))
    + list(range(60, 480, 15))
    + list(range(480, 2880, 60))
    + list(range(2880, 30 * 1440 + 1, 1440))
)
OVER = len(EDGES)  # the bucket beyond the last edge


def bucket_of(minutes: int) -> int:
    for index, edge in enumerate(EDGES):
        if minutes <= edge:
            return index
    return OVER


def percentile(histogram: dict[int, int], share: float):
    """The nearest-rank percentile in minutes; None without data; -1 past the last edge."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(1, -(-int(share * total * 1000) // 1000))  # ceil without float drift
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= rank:
            return EDGES[bucket] if bucket < OVER else -1
    return -1


def business_minutes(department, start: datetime, end: datetime) -> int:
    """The minutes between `start` and `end` inside the department's business hours (all
    of them when it has none), as regulation.response_deadline counts them."""
    if end <= start:
        return 0
    if not schedule.has_hours(department):
        return int((end - start).total_seconds() // 60)
    seconds = sum(
        (min(closes, end) - max(opens, start)).total_seconds()
        for opens, closes in schedule.spans(department, start, end)
    )
    return int(seconds // 60)


def at(moment: datetime, clock) -> datetime:
    if clock is None:
        return moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return moment.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
