"""Violation, charge, paid incidents and logging in as the client, from a ticket."""

from decimal import Decimal

import pytest

from accounts.models import AuditEvent
from helpdesk.incidents.actions import incidents_left
from helpdesk.tickets.models import Service
from helpdesk.violations.models import Violation
from tests.desk.conftest import once
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_register_a_violation_and_see_the_new_score(desk, ticket):
    url = f"/desk/tickets/{ticket.pk}/violation/"
    assert "has 0 violation points now" in desk.get(url).content.decode()
    response = desk.post(
        url, once(score="3", score_note="Spam from the VPS", action="forward"), follow=True
    )
    html = response.content.decode()
    assert "Acme Hosting now has 3 violation points." in html
    assert Violation.objects.get().note == "Spam from the VPS"
    assert 'data-testid="client-score">3 points' in html


def test_violation_can_suspend_the_tickets_service(desk, open_ticket):
    service = ServiceFactory(name="vps1.example.net")
    ticket = open_ticket(service=None)
    service.client = ticket.client
    service.save()
    ticket.service = service
    ticket.save()
    desk.post(f"/desk/tickets/{ticket.pk}/violation/", once(score="5", action="suspend_service"))
    service.refresh_from_db()
    assert service.status == Service.Status.SUSPENDED


@pytest.mark.parametrize(
    "data",
    [
        {"score": "-1", "action": "forward"},
        {"score": "abc", "action": "forward"},
        {"score": "99999999999999999999", "action": "forward"},
        {"score": "1", "action": "delete_everything"},
        {"score": "1", "action": "suspend_service"},
    ],
)
def test_bad_violations_are_refused(desk, ticket, data):
    response = desk.post(f"/desk/tickets/{ticket.pk}/violation/", once(**data))
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
