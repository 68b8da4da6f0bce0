"""A simulated clock, so that the demo history can be built through the real actions."""

from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock


class DemoClock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def advance(self, minutes: float) -> None:
        self.moment += timedelta(minutes=minutes)


@contextmanager
def simulated_time(clock: DemoClock):
    """Answer `timezone.now()` from `clock`.

    The actions and `auto_now_add` fields stamp rows with `timezone.now()`. Moving the
    clock through each conversation keeps every derived field (deadline, waiting_since,
    queue_key, closed_at…) consistent, which rewriting timestamps afterwards would not.
    (Mail is off by the actions' own `notify=False`.)
    """
    with mock.patch("django.utils.timezone.now", clock):
        yield clock
