"""Two workers running the deadline task at once apply each case's action exactly once
(row locks with SKIP LOCKED: PostgreSQL only)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from helpdesk.tickets.models import ServiceStatusChange, TicketEvent
from helpdesk.violations import actions
from helpdesk.violations.models import Violation
from tests.factories import ServiceFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SKIP LOCKED row locks are PostgreSQL's"
)


@pytest.mark.django_db(transaction=True)
def test_two_workers_apply_each_action_once(open_ticket, staff, acme, provider):
    deadline = timezone.now() + timedelta(hours=1)
    for number in range(12):
        service = ServiceFactory(client=acme, provider=provider, name=f"vps{number}")
        ticket = open_ticket(subject=f"Spam {number}", service=service)
        actions.register_violation(ticket, by=staff, score=1, action="suspend_service",
                                   deadline=deadline)  # fmt: skip
    later = deadline + timedelta(minutes=1)
    counts, errors = [], []
    barrier = threading.Barrier(2)

    def worker():
        barrier.wait()
        try:
            counts.append(actions.apply_due_cases(now=later))
        except Exception as error:  # reported below, never swallowed
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(counts) == 12
    assert ServiceStatusChange.objects.filter(new_status="suspended").count() == 12
    assert TicketEvent.objects.filter(kind="abuse_applied").count() == 12
    assert set(Violation.objects.values_list("status", flat=True)) == {"applied"}
