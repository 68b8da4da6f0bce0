"""The API's counts, amounts, ids and page numbers are ASCII digits only (see
tests/test_strict_numbers.py for the desk and the portal)."""

from decimal import Decimal

import pytest

from helpdesk.incidents.actions import incidents_left
from tests.factories import add_balance
from tests.test_strict_numbers import NOT_ASCII_AMOUNTS, NOT_ASCII_COUNTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(acme):
    add_balance(acme, "10000.00")
    return acme


@pytest.mark.parametrize("count", NOT_ASCII_COUNTS)
def test_the_api_purchase_refuses_foreign_digits(
    api, client_user, funded, billing, count, provider
):
    answer = api("incident", as_user=client_user, count=count, post=True)
    assert answer.error_kind() == ("value", "count")
    assert incidents_left(funded, provider) == 0 and funded.balance() == Decimal("10000.00")


@pytest.mark.parametrize(
    ("name", "value"),
    [("ticket_expense", amount) for amount in NOT_ASCII_AMOUNTS]
    + [("incident_count", count) for count in NOT_ASCII_COUNTS],
)
def test_the_api_ticket_edit_refuses_foreign_digits(api, staff, ticket, name, value, provider):
    answer = api("ticket.edit", as_user=staff, elid=ticket.pk, sok="ok", **{name: value})
    assert answer.error_kind() == ("value", name)
    assert not ticket.expenses.exists() and incidents_left(ticket.client, provider) == 0


@pytest.mark.parametrize("elid", ["١", "1_0", "²", "１"])
def test_api_ids_refuse_foreign_digits(api, staff, ticket, elid):
    assert api("ticket.edit", as_user=staff, elid=elid).error_kind() == ("value", "elid")


@pytest.mark.parametrize("value", ["١", "1_0"])
def test_api_paging_refuses_foreign_digits(api, staff, value):
    assert api("ticket", as_user=staff, p_cnt=value).error_kind() == ("value", "p_cnt")
