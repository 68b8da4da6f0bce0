"""The helpdesk's time: what the apps stamp on their rows and measure deadlines against.

`now()` is `timezone.now()`, unless a simulated clock runs in this context: the demo builds
a year of history through the real actions inside `simulated(clock)`, moving the clock
through each conversation, so every stamped and derived field (created_at, deadline,
waiting_since, queue_key, closed_at, archived_at, blocked_at, the events, the ledgers…)
agrees with the others. It is a context variable, not a patch: nothing outside the
`with` block, and no other thread, sees the simulated time.

Everything in `helpdesk/` and `accounts/` that stamps or compares the ticket domain's time
asks `clock.now()`; model fields use `default=clock.now` (and set it on save where
`auto_now` was meant). A few places keep the wall clock, `timezone.now()`, because what
they measure happens in real time and is never part of a simulated history:

- sessions and security: the API session's last-seen mark (`api/sessions.py`), acting as
  a client and its time limit (`accounts/impersonation.py`), login and second-factor
  lockouts and API-token use and revocation (`accounts/actions.py`), and the rows that
  record them (`AuditEvent`, `ApiToken`, `SubmittedForm`, which keep `auto_now_add`);
- the form-token pruning (`accounts/tasks.py`), against `SubmittedForm.created_at`;
- the mail channel (`mail/`): fetching schedules, delivery retries, the sender rate limit,
  and the received/queued stamps they compare (the demo sends and fetches no mail);
- presence on a ticket page (`TicketViewer.seen_at` in `tickets/live.py`): who has the
  page open this minute;
- the message throttle (`messages/throttle.py`, by `time.time()`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta

from django.utils import timezone


class SimulatedClock:
    """A clock that stands still until it is set or advanced."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def advance(self, minutes: float) -> None:
        self.moment += timedelta(minutes=minutes)


_simulation: ContextVar[SimulatedClock | None] = ContextVar("simulated_clock", default=None)


def now() -> datetime:
    simulation = _simulation.get()
    return timezone.now() if simulation is None else simulation.moment


def localdate():
    """Today in the current time zone, by `now()`."""
    return timezone.localdate(now())


def localtime() -> datetime:
    return timezone.localtime(now())


def stamped(instance, field: str, update_fields):
    """What `auto_now` did, on this clock: `field` set to now(), and the `update_fields`
    of the save with it (None, a save of every field, stays None)."""
    setattr(instance, field, now())
    return None if update_fields is None else {*update_fields, field}


@contextmanager
def simulated(clock: SimulatedClock) -> Iterator[SimulatedClock]:
    """Inside the block, `now()` answers `clock`'s time."""
    token = _simulation.set(clock)
    try:
        yield clock
    finally:
        _simulation.reset(token)
