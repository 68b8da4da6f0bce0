from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import LedgerEntry
from helpdesk.incidents.actions import incidents_left
from helpdesk.incidents.models import IncidentEntry
from helpdesk.tickets.models import Ticket
from tests.factories import ProviderFactory, ServiceFactory
from tests.portal.util import with_token

PAGE = reverse("portal:incident")
CONFIRM = reverse("portal:incident_confirm")
BUY = reverse("portal:incident_buy")


def buy(provider, count):
    return with_token({"provider": provider.pk, "count": str(count)})


@pytest.mark.django_db
def test_the_page_shows_incidents_price_and_balance(as_client, funded_acme, provider):
    page = as_client.get(PAGE).content.decode()
    assert f'<strong data-testid="incidents-left-{provider.pk}">0</strong>' in page
    assert '<strong data-testid="balance">100.00</strong>' in page
    assert "HostCo — 10.00 USD per incident" in page


@pytest.mark.django_db
def test_the_providers_are_those_of_the_clients_services(as_client, vps, provider):
    ProviderFactory(name="CloudNine")
    page = as_client.get(PAGE).content.decode()
    assert "HostCo" in page and "CloudNine" not in page


@pytest.mark.django_db
def test_confirm_then_buy(as_client, funded_acme, provider):
    confirm = as_client.get(CONFIRM, {"provider": provider.pk, "count": "3"}).content.decode()
    assert "30.00 USD" in confirm
    assert incidents_left(funded_acme, provider) == 0  # nothing bought by the confirmation step
    response = as_client.post(BUY, buy(provider, 3), follow=True)
    assert "You bought 3 incidents for 30.00 USD." in response.content.decode()
    assert incidents_left(funded_acme, provider) == 3
    assert funded_acme.balance() == Decimal("70.00")
    page = response.content.decode()
    assert "3 paid incidents" in page  # the balance history
    assert "+3" in page  # the incident history


@pytest.mark.django_db
def test_a_double_submit_buys_once(as_client, funded_acme, provider):
    data = buy(provider, 2)
    as_client.post(BUY, data)
    as_client.post(BUY, data)
    assert incidents_left(funded_acme, provider) == 2
    assert funded_acme.balance() == Decimal("80.00")


@pytest.mark.django_db
def test_not_enough_balance_is_refused_and_changes_nothing(as_client, funded_acme, provider):
    confirm = as_client.get(CONFIRM, {"provider": provider.pk, "count": "11"}).content.decode()
    assert 'data-testid="low-balance"' in confirm
    assert 'disabled aria-describedby="low-balance"' in confirm  # "Buy" waits for a top-up
    response = as_client.post(BUY, buy(provider, 11))
    assert response.status_code == 400
    assert "is less than the price of 11 incidents" in response.content.decode()
    assert 'value="11"' in response.content.decode()
    assert incidents_left(funded_acme, provider) == 0
    assert funded_acme.balance() == Decimal("100.00")
    assert LedgerEntry.objects.filter(kind=LedgerEntry.Kind.INCIDENT_PURCHASE).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("count", ["0", "-5", "abc", "", "1001", "99999999999999999999", "1.5"])
def test_hostile_counts_are_refused(as_client, funded_acme, provider, count):
    assert as_client.get(CONFIRM, {"provider": provider.pk, "count": count}).status_code == 400
    assert as_client.post(BUY, buy(provider, count)).status_code == 400
    assert not IncidentEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("provider_id", ["abc", "0", "99999999999999999999", ""])
def test_hostile_providers_are_refused(as_client, funded_acme, provider, provider_id):
    data = with_token({"provider": provider_id, "count": "1"})
    assert as_client.post(BUY, data).status_code == 400
    assert not IncidentEntry.objects.exists()


@pytest.mark.django_db
def test_staff_acting_as_the_client_cannot_buy(acting_staff, funded_acme, provider):
    page = acting_staff.get(PAGE).content.decode()
    assert 'data-testid="no-purchase"' in page
    assert 'data-testid="su-banner"' in page
    response = acting_staff.post(BUY, buy(provider, 1))
    assert response.status_code == 403
    assert "not allowed while acting as a client" in response.content.decode()
    assert incidents_left(funded_acme, provider) == 0
    assert funded_acme.balance() == Decimal("100.00")


@pytest.mark.django_db
def test_incidents_bought_at_another_provider_do_not_open_a_ticket_here(
    as_client, funded_acme, provider, billing, vps
):
    cheap = ProviderFactory(name="CheapHost", incident_price=Decimal("1.00"))
    ServiceFactory(client=funded_acme, provider=cheap, name="web.cheap.example")
    as_client.post(BUY, buy(cheap, 1))
    assert incidents_left(funded_acme, cheap) == 1
    page = as_client.get(PAGE).content.decode()
    assert f'<strong data-testid="incidents-left-{cheap.pk}">1</strong>' in page
    assert f'<strong data-testid="incidents-left-{provider.pk}">0</strong>' in page

    new_ticket = with_token({
        "department": billing.pk, "client_priority": "1",
        "subject": "Invoice", "message": "Charged twice",
    })  # fmt: skip
    response = as_client.post(reverse("portal:ticket_new"), new_ticket)
    assert response.status_code == 200
    assert "no incidents left at HostCo" in response.content.decode()
    assert not Ticket.objects.filter(subject="Invoice").exists()
    assert incidents_left(funded_acme, cheap) == 1, "the other provider's incident is kept"


@pytest.mark.django_db
def test_money_is_written_the_spanish_way_in_spanish(as_client, funded_acme, provider):
    spanish = {"HTTP_ACCEPT_LANGUAGE": "es"}
    confirm = as_client.get(CONFIRM, {"provider": provider.pk, "count": "11"}, **spanish)
    assert "100,00" in confirm.content.decode() and "100.00" not in confirm.content.decode()
    refused = as_client.post(BUY, buy(provider, 11), **spanish).content.decode()
    assert "(100,00)" in refused and "(110,00)" in refused  # the sentence built in Python
