"""A hand-made week with known answers (department hours 9–18 Mon–Fri, 120 business
minutes to respond), built through the real actions at chosen moments:

- A (Technical support), opened Mon 16 Nov 17:00; Sam answers Tue 09:30: a first
  response of 90 business minutes, within the deadline (Tue 10:00); rated good.
  The client writes Tue 10:00; Sam answers Wed 12:00: 660 business minutes, the deadline
  (Tue 12:00) breached by 540. Sam closes it Wed 13:00; the client reopens it Thu 10:00.
- B (Sales), opened Tue 17 Nov 10:00; Sue answers 10:30: 30 minutes, within; rated bad.
"""

from datetime import date, datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from helpdesk.messages.actions import rate_message
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import TicketEvent
from tests.api.conftest import _no_hidden_failures, api, session_for  # noqa: F401

FIRST, LAST = date(2026, 11, 16), date(2026, 11, 22)
RANGE = {"period": "custom", "start": FIRST.isoformat(), "end": LAST.isoformat()}


def moment(day, hour, minute=0):
    return timezone.make_aware(datetime(2026, 11, day, hour, minute))


class Clock:
    """Runs actions as if at a moment: `timezone.now` is patched, and the rows whose
    default date was taken from the real clock are dated to the moment afterwards."""

    def __init__(self):
        self.real_start = timezone.now()

    def at(self, when, action, *args, **kwargs):
        with mock.patch("django.utils.timezone.now", return_value=when):
            result = action(*args, **kwargs)
        Message.objects.filter(created_at__gte=self.real_start).update(created_at=when)
        TicketEvent.objects.filter(created_at__gte=self.real_start).update(created_at=when)
        return result


@pytest.fixture
def week(client_user, staff, staff2, tech, sales):
    for department in (tech, sales):
        department.response_minutes = 120
        department.save()
    clock = Clock()
    acme = client_user.client

    def open_in(department, when, subject):
        return clock.at(when, actions.open_ticket, acme, author=client_user, subject=subject,
                        body="Help", department=department)  # fmt: skip

    a = open_in(tech, moment(16, 17), "Site down")
    first_reply = clock.at(moment(17, 9, 30), actions.post_staff_reply, a, author=staff,
                           body="Looking")  # fmt: skip
    clock.at(moment(17, 10), actions.post_client_message, a, author=client_user, body="Still")
    clock.at(moment(18, 12), actions.post_staff_reply, a, author=staff, body="Fixed")
    clock.at(moment(18, 13), actions.close_tickets, [a], by=staff)
    clock.at(moment(19, 10), actions.post_client_message, a, author=client_user, body="Again")
    b = open_in(sales, moment(17, 10), "Invoice")
    sales_reply = clock.at(moment(17, 10, 30), actions.post_staff_reply, b, author=staff2,
                           body="Sent")  # fmt: skip
    rate_message(first_reply, rating="good")
    rate_message(sales_reply, rating="bad")
    call_command("rebuild_reports", "--from", "2026-11-01", "--to", "2026-11-30", stdout=None)
    return {"a": a, "b": b, "first_reply": first_reply}
