"""The abuse process end to end through HTTP, with the clock simulated by passing `now` to
the deadline task: staff open a case with a deadline, the client answers or does not, the
worker applies the action once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from helpdesk.tickets.models import Service, Ticket, TicketEvent
from helpdesk.violations.models import Violation
from helpdesk.violations.tasks import apply_abuse_deadlines
from tests.desk.conftest import once
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
DEADLINE = timezone.localtime() + timedelta(days=2)
DEADLINE_FIELDS = {
    "deadline_date": DEADLINE.date().isoformat(),
    "deadline_time": DEADLINE.strftime("%H:%M"),
}
AFTER_DEADLINE = DEADLINE + timedelta(minutes=5)


@pytest.fixture
def vps(open_ticket, acme, provider, staff):
    staff.email = "staff@hostco.example"
    staff.save()
    ticket = open_ticket(subject="Spam complaint")
    service = ServiceFactory(name="vps1.example.net", client=acme, provider=provider)
    other = ServiceFactory(name="web.example.net", client=acme, provider=provider)
    Ticket.objects.filter(pk=ticket.pk).update(service=service)
    ticket.refresh_from_db()
    return ticket, service, other


def register(client, ticket, action, **extra):
    data = {"score": "5", "score_note": "Outgoing spam", "action": action,
            "client_message": "Your VPS sends spam. Answer by the deadline.", "confirmed": "on",
            **DEADLINE_FIELDS, **extra}  # fmt: skip
    response = client.post(f"/desk/tickets/{ticket.pk}/violation/", once(**data))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Violation.objects.get(ticket=ticket)


def run_worker(capture, now):
    with capture(execute=True):
        return apply_abuse_deadlines.call(now=now)


def test_without_an_answer_the_worker_suspends_exactly_that_service_once(
    client, staff, vps, django_capture_on_commit_callbacks
):
    ticket, service, other = vps
    client.force_login(staff)
    case = register(client, ticket, "suspend_service")
    ticket.refresh_from_db()
    assert (case.status, ticket.in_queue) == ("open", False)  # waits outside the queue
    assert run_worker(django_capture_on_commit_callbacks, DEADLINE - timedelta(minutes=1)) == 0
    mail.outbox.clear()

    assert run_worker(django_capture_on_commit_callbacks, AFTER_DEADLINE) == 1
    assert run_worker(django_capture_on_commit_callbacks, AFTER_DEADLINE) == 0  # idempotent
    service.refresh_from_db()
    other.refresh_from_db()
    assert (service.status, other.status) == ("suspended", "active")
    assert service.status_changes.count() == 1
    system = ticket.messages.filter(kind="system", body__contains="vps1.example.net")
    assert system.count() == 1
    assert TicketEvent.objects.filter(ticket=ticket, kind="abuse_applied").count() == 1
    recipients = sorted(address for sent in mail.outbox for address in sent.to)
    client_addresses = [user.email for user in ticket.client.users.all()] + [ticket.client.email]
    assert recipients == sorted([*client_addresses, "staff@hostco.example"])  # one mail each
    case.refresh_from_db()
    assert case.status == "applied"
    page = client.get(f"/desk/abuse/{case.pk}/").content.decode()
    assert "action applied" in page


def test_an_answer_before_the_deadline_stops_the_clock(
    client, staff, client_user, vps, django_capture_on_commit_callbacks
):
    ticket, service, _other = vps
    client.force_login(staff)
    case = register(client, ticket, "suspend_service")
    client.force_login(client_user)
    response = client.post(
        f"/tickets/{ticket.pk}/reply/", once(message="It was a hacked script, removed now.")
    )
    assert response.status_code == 302
    assert run_worker(django_capture_on_commit_callbacks, AFTER_DEADLINE) == 0
    service.refresh_from_db()
    case.refresh_from_db()
    ticket.refresh_from_db()
    assert service.status == "active"
    assert case.status == "answered"
    assert ticket.in_queue and not ticket.from_abuse_process
    client.force_login(staff)
    assert f"/desk/tickets/{ticket.pk}/" in client.get("/desk/").content.decode()


def test_forwarding_brings_the_ticket_back_marked_in_the_desk_and_the_api(
    client, staff, vps, django_capture_on_commit_callbacks, api
):
    ticket, service, _other = vps
    client.force_login(staff)
    register(client, ticket, "forward", confirmed="")
    assert str(ticket.pk) not in [elem["id"]["$"] for elem in api("ticket", as_user=staff).elems
                                  if "id" in elem]  # fmt: skip
    assert run_worker(django_capture_on_commit_callbacks, AFTER_DEADLINE) == 1
    ticket.refresh_from_db()
    assert ticket.in_queue and ticket.from_abuse_process
    service.refresh_from_db()
    assert service.status == "active"
    queue = client.get("/desk/").content.decode()
    assert f"/desk/tickets/{ticket.pk}/" in queue
    assert "returned from the abuse process" in queue.lower() or "↩" in queue
    rows = {elem["id"]["$"]: elem for elem in api("ticket", as_user=staff).elems}
    assert rows[str(ticket.pk)]["from_abuse_process"]["$"] == "on"
    assert rows[str(ticket.pk)]["abuse_id"]["$"] == str(Violation.objects.get().pk)
    assert ticket.messages.filter(kind="system", body__contains="lack of client response")


def test_staff_can_extend_apply_now_and_finish(client, staff, vps):
    ticket, service, other = vps
    client.force_login(staff)
    case = register(client, ticket, "suspend_all")
    later = DEADLINE + timedelta(days=3)
    client.post(f"/desk/abuse/{case.pk}/extend/", once(deadline_date=later.date().isoformat(),
                                                      deadline_time="10:00"))  # fmt: skip
    case.refresh_from_db()
    assert timezone.localtime(case.deadline).date() == later.date()
    page = client.post(f"/desk/abuse/{case.pk}/apply/", once()).content.decode()
    assert "vps1.example.net" in page and "web.example.net" in page  # the confirmation
    assert Service.objects.filter(status="suspended").count() == 0
    client.post(f"/desk/abuse/{case.pk}/apply/", once(confirmed="on"))
    assert Service.objects.filter(status="suspended").count() == 2
    client.post(f"/desk/abuse/{case.pk}/finish/", once())
    case.refresh_from_db()
    assert case.status == "finished"
    response = client.post(f"/desk/abuse/services/{service.pk}/resume/", once(reason=""))
    assert response.status_code == 400
    client.post(f"/desk/abuse/services/{service.pk}/resume/", once(reason="Script removed"))
    service.refresh_from_db()
    assert service.status == "active"
    change = service.status_changes.order_by("-id").first()
    assert (change.new_status, change.reason, change.changed_by) == (
        "active", "Script removed", staff,
    )  # fmt: skip


def test_the_client_sees_suspended_services_and_the_open_case(client, staff, client_user, vps):
    ticket, service, other = vps
    client.force_login(staff)
    register(client, ticket, "suspend_service")
    Service.objects.filter(pk=other.pk).update(status="suspended")
    client.force_login(client_user)
    page = client.get("/services/").content.decode()
    assert "Spam complaint" in page and DEADLINE.strftime("%Y-%m-%d %H:%M") in page
    assert "web.example.net" in page and "suspended" in page


def test_staff_of_another_department_cannot_touch_the_case(client, staff, staff2, vps):
    ticket, service, _other = vps
    client.force_login(staff)
    case = register(client, ticket, "suspend_service")
    client.force_login(staff2)
    assert client.get(f"/desk/abuse/{case.pk}/").status_code == 404
    assert client.post(f"/desk/abuse/{case.pk}/finish/", once()).status_code == 404
    assert b"Spam complaint" not in client.get("/desk/abuse/").content
