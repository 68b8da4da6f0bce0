"""Counts, amounts and ids are ASCII digits only: other scripts' digits ("١" is 1 to
Python) and underscores ("1_000" is 1000 to Python) are refused everywhere and change
nothing, through the portal, the desk and the API."""

from decimal import Decimal

import pytest
from django.urls import reverse

from helpdesk.incidents.actions import incidents_left
from tests.desk.conftest import once
from tests.factories import add_balance

pytestmark = pytest.mark.django_db

NOT_ASCII_COUNTS = ["١", "٣", "1_0", "²", "１", " 1 2", "+1", "1.0"]
NOT_ASCII_AMOUNTS = ["١", "1_000", "1_000.00", "١٠.٥", "１.5", "1..5", "1.5.1", "+5", "1,5"]


@pytest.fixture
def funded(acme):
    add_balance(acme, "10000.00")
    return acme


@pytest.mark.parametrize("count", NOT_ASCII_COUNTS)
def test_the_portal_purchase_refuses_foreign_digits(client, client_user, funded, provider, count):
    client.force_login(client_user)
    confirm = client.get(reverse("portal:incident_confirm"), {"provider": provider.pk,
                                                              "count": count})  # fmt: skip
    assert confirm.status_code == 400
    bought = client.post(reverse("portal:incident_buy"), once(provider=provider.pk, count=count))
    assert bought.status_code == 400
    assert incidents_left(funded, provider) == 0 and funded.balance() == Decimal("10000.00")


def arabic_indic(number) -> str:
    return str(number).translate({ord(digit): 0x0660 + int(digit) for digit in "0123456789"})


@pytest.mark.parametrize("spelling", [arabic_indic, lambda pk: f"0_{pk}"])
def test_the_portal_purchase_refuses_a_foreign_provider_id(client, client_user, funded,
                                                           provider, spelling):  # fmt: skip
    client.force_login(client_user)
    bought = client.post(reverse("portal:incident_buy"),
                         once(provider=spelling(provider.pk), count="1"))  # fmt: skip
    assert bought.status_code == 400
    assert incidents_left(funded, provider) == 0


@pytest.mark.parametrize("amount", NOT_ASCII_AMOUNTS)
def test_the_desk_charge_refuses_foreign_digits(client, staff, ticket, amount):
    client.force_login(staff)
    response = client.post(f"/desk/tickets/{ticket.pk}/charge/", once(amount=amount))
    assert response.status_code == 400
    assert not ticket.expenses.exists()


@pytest.mark.parametrize("count", NOT_ASCII_COUNTS)
def test_the_desk_incident_count_refuses_foreign_digits(client, staff, ticket, count, provider):
    client.force_login(staff)
    response = client.post(f"/desk/tickets/{ticket.pk}/incidents/", once(incident_count=count))
    assert response.status_code == 400
    assert incidents_left(ticket.client, provider) == 0


def test_plain_ascii_numbers_still_work(client, staff, ticket, provider):
    client.force_login(staff)
    client.post(f"/desk/tickets/{ticket.pk}/charge/", once(amount="1000.5"))
    client.post(f"/desk/tickets/{ticket.pk}/incidents/", once(incident_count="12"))
    assert ticket.client.balance() == Decimal("-1000.50")
    assert incidents_left(ticket.client, provider) == 12


def test_desk_filters_refuse_foreign_digit_ids(client, staff, ticket):
    client.force_login(staff)
    response = client.post("/desk/filter/", once(id=f"{ticket.pk}_0"))
    assert response.status_code == 400


def test_the_desk_autocomplete_takes_foreign_digits_as_text(client, staff, ticket):
    client.force_login(staff)
    answer = client.get("/desk/clients/autocomplete/", {"q": "١"}).json()
    assert answer == {"results": []}


@pytest.mark.parametrize("day", ["٢٠٣٠-01-02", "2030-1-2", "2030-01-02T00:00"])
def test_dates_are_ascii_digits_too(client, staff, client_user, ticket, day):
    client.force_login(staff)
    data = once(subject=ticket.subject, department=ticket.department_id, priority="1",
                client_priority="1", deadline_date=day, deadline_time="12:00")  # fmt: skip
    assert client.post(f"/desk/tickets/{ticket.pk}/params/", data).status_code == 400
    ticket.refresh_from_db()
    assert not ticket.deadline_manual
    assert client.post("/desk/filter/", once(created_from=day)).status_code == 400
    client.force_login(client_user)
    assert client.post("/filter/", once(created_from=day)).status_code == 400
