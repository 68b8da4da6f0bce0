"""A client's answer stops an abuse case's clock. Kept apart from actions.py, which
builds on the ticket actions, so that the client-message action can call it."""

from helpdesk import clock
from helpdesk.tickets import events
from helpdesk.violations.models import Violation


def stop_clock(ticket, *, by, now=None) -> int:
    """Each open case of the ticket still within its deadline stops; the caller (the
    client-message action) puts the ticket in the queue for staff to judge. The ticket is
    locked by the caller, so the deadline worker cannot apply a case meanwhile."""
    now = now or clock.now()
    answered = 0
    open_cases = Violation.objects.select_for_update().filter(
        ticket=ticket, status=Violation.Status.OPEN, deadline__gt=now
    )
    for case in open_cases:
        case.status, case.closed_at = Violation.Status.ANSWERED, now
        case.save(update_fields=["status", "closed_at"])
        events.record(ticket, events.Kind.ABUSE_ANSWERED, actor=by, case=case.pk)
        answered += 1
    return answered
