"""Violation, charge, paid incidents and logging in as the client, from a ticket."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from helpdesk.incidents.actions import incidents_left
from helpdesk.tickets.models import Service, Ticket
from helpdesk.violations.models import Violation
from tests.desk.conftest import once
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
TOMORROW = timezone.localdate() + timedelta(days=1)
TOMORROW_NOON = {"deadline_date": TOMORROW.isoformat(), "deadline_time": "12:00"}


def test_register_a_violation_and_see_the_new_score(desk, ticket):
    url = f"/desk/tickets/{ticket.pk}/violation/"
    assert "has 0 violation points now" in desk.get(url).content.decode()
    data = once(score="3", score_note="Spam from the VPS", action="forward", **TOMORROW_NOON)
    response = desk.post(url, data, follow=True)
    html = response.content.decode()
    assert "Acme Hosting now has 3 violation points." in html
    assert Violation.objects.get().note == "Spam from the VPS"
    assert 'data-testid="client-score">3 points' in html


def test_suspending_at_the_deadline_asks_for_confirmation_first(desk, open_ticket, provider):
    ticket = open_ticket()
    service = ServiceFactory(name="vps1.example.net", client=ticket.client, provider=provider)
    ServiceFactory(name="other.example.net", client=ticket.client, provider=provider)
    Ticket.objects.filter(pk=ticket.pk).update(service=service)
    url = f"/desk/tickets/{ticket.pk}/violation/"
    data = once(score="5", action="suspend_service", **TOMORROW_NOON)
    page = desk.post(url, data).content.decode()
    assert 'data-testid="abuse-confirm"' in page
    assert "vps1.example.net" in page and "other.example.net" not in page
    assert not Violation.objects.exists()
    desk.post(url, once(score="5", action="suspend_service", confirmed="on", **TOMORROW_NOON))
    case = Violation.objects.get()
    assert (case.status, case.service) == (Violation.Status.OPEN, service)
    service.refresh_from_db()
    assert service.status == Service.Status.ACTIVE  # not before the deadline


@pytest.mark.parametrize(
    "data",
    [
        {"score": "-1", "action": "forward"},
        {"score": "abc", "action": "forward"},
        {"score": "99999999999999999999", "action": "forward"},
        {"score": "1", "action": "delete_everything"},
        {"score": "1", "action": "suspend_service", "confirmed": "on"},
        {
            "score": "1",
            "action": "forward",
            "deadline_date": "2001-01-01",
            "deadline_time": "12:00",
        },
        {"score": "1", "action": "forward", "deadline_date": "tomorrow"},
    ],
)
def test_bad_violations_are_refused(desk, ticket, data):
    response = desk.post(f"/desk/tickets/{ticket.pk}/violation/", once(**{**TOMORROW_NOON, **data}))
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not Violation.objects.exists()


def test_charge_is_debited_and_shown_in_the_ticket(desk, ticket):
    response = desk.post(
        f"/desk/tickets/{ticket.pk}/charge/", once(amount="12.50", comment="Migration"), follow=True
    )
    html = response.content.decode()
    assert "Charged 12.50 USD to Acme Hosting." in html
    assert "Charged 12.50 USD — Migration" in html
    assert ticket.client.balance() == Decimal("-12.50")


@pytest.mark.parametrize("amount", ["0", "-5", "abc", "1.234", "1e400", "NaN", ""])
def test_bad_charges_are_refused(desk, ticket, amount):
    response = desk.post(f"/desk/tickets/{ticket.pk}/charge/", once(amount=amount))
    assert response.status_code == 400
    assert not ticket.expenses.exists()


def test_add_incidents(desk, ticket, provider):
    response = desk.post(
        f"/desk/tickets/{ticket.pk}/incidents/", once(incident_count="3"), follow=True
    )
    assert "Acme Hosting has 3 left." in response.content.decode()
    assert incidents_left(ticket.client, provider) == 3
    bad = desk.post(f"/desk/tickets/{ticket.pk}/incidents/", once(incident_count="0"))
    assert bad.status_code == 400
    assert incidents_left(ticket.client, provider) == 3


def test_log_in_as_the_client_and_back(desk, ticket, staff, client_user):
    url = f"/desk/tickets/{ticket.pk}/su/"
    confirm = desk.get(url).content.decode()
    assert "(client) of Acme Hosting" in confirm
    response = desk.post(url, once())
    assert response["Location"] == "/"
    portal = desk.get("/").content.decode()
    assert 'data-testid="su-banner"' in portal
    assert desk.get("/desk/all/").status_code == 403, "the desk is closed while acting as a client"
    back = desk.post("/accounts/su/end/")
    assert back["Location"] == f"/desk/tickets/{ticket.pk}/"
    assert desk.get("/desk/").status_code == 200
    actions = list(
        AuditEvent.objects.filter(actor=staff, acting_as=client_user)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [AuditEvent.Action.SU_START, AuditEvent.Action.SU_END]


def test_money_is_refused_while_acting_as_the_client(desk, ticket):
    desk.post(f"/desk/tickets/{ticket.pk}/su/", once())
    response = desk.post(f"/desk/tickets/{ticket.pk}/charge/", once(amount="5"))
    assert response.status_code == 403
    assert not ticket.expenses.exists()
