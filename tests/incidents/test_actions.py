from decimal import Decimal

import pytest

from accounts import impersonation
from helpdesk.errors import ActionError
from helpdesk.incidents import actions
from helpdesk.incidents.models import IncidentEntry
from helpdesk.tickets.models import Ticket
from tests.factories import add_balance


@pytest.mark.django_db
class TestPurchase:
    def test_buying_debits_the_balance_at_the_providers_price(self, acme, client_user, provider):
        add_balance(acme, "100.00")
        actions.purchase_incidents(acme, provider=provider, count=3, by=client_user)
        assert acme.balance() == Decimal("70.00")
        assert actions.incidents_left(acme, provider) == 3

    def test_short_balance_is_refused_and_nothing_changes(self, acme, client_user, provider):
        add_balance(acme, "25.00")
        with pytest.raises(ActionError) as error:
            actions.purchase_incidents(acme, provider=provider, count=3, by=client_user)
        assert "balance" in error.value.message
        assert acme.balance() == Decimal("25.00")
        assert actions.incidents_left(acme, provider) == 0

    @pytest.mark.parametrize("count", ["0", "-2", "abc", "", "1e3", "99999999999999999999"])
    def test_nonsense_counts_are_refused(self, acme, client_user, provider, count):
        add_balance(acme, "100.00")
        with pytest.raises(ActionError):
            actions.purchase_incidents(acme, provider=provider, count=count, by=client_user)
        assert acme.balance() == Decimal("100.00")

    def test_staff_acting_as_the_client_cannot_buy(self, acme, client_user, staff, provider, rf):
        add_balance(acme, "100.00")
        request = rf.get("/")
        request.session = {}
        impersonation.start(request.session, actor=staff, target=client_user)
        acting = impersonation.effective_user(request.session, staff)
        with pytest.raises(ActionError) as error:
            actions.purchase_incidents(acme, provider=provider, count=1, by=acting)
        assert error.value.code == "access"
        assert acme.balance() == Decimal("100.00")


@pytest.mark.django_db
class TestPaidDepartment:
    def test_ticket_in_paid_department_uses_one_incident(
        self, open_ticket, billing, acme, staff, provider
    ):
        actions.grant_incidents(acme, count=2, by=staff, provider=provider)
        open_ticket(department=billing)
        assert actions.incidents_left(acme, provider) == 1
        assert IncidentEntry.objects.filter(kind="consumed").count() == 1

    def test_without_incidents_the_ticket_is_refused(self, open_ticket, billing, acme, provider):
        with pytest.raises(ActionError) as error:
            open_ticket(department=billing)
        assert error.value.field == "client_department"
        assert Ticket.objects.count() == 0
        assert actions.incidents_left(acme, provider) == 0


@pytest.mark.django_db
class TestCharge:
    def test_charge_may_drive_the_balance_negative(self, ticket, staff, acme):
        expense = actions.charge_ticket(ticket, amount="15.50", by=staff, comment="DNS work")
        assert acme.balance() == Decimal("-15.50")
        assert list(ticket.expenses.all()) == [expense]

    @pytest.mark.parametrize("amount", ["0", "-5", "abc", "NaN", "Infinity", "1.005"])
    def test_bad_amounts_are_refused(self, ticket, staff, acme, amount):
        with pytest.raises(ActionError) as error:
            actions.charge_ticket(ticket, amount=amount, by=staff)
        assert error.value.field == "ticket_expense"
        assert acme.balance() == Decimal("0.00")


@pytest.mark.django_db
def test_staff_acting_as_the_client_cannot_use_its_incidents(
    billing, acme, staff, client_user, provider
):
    from helpdesk.tickets.actions import open_ticket

    actions.grant_incidents(acme, count=1, by=staff, provider=provider)
    acting = client_user
    acting.acting_by = staff
    with pytest.raises(ActionError) as error:
        open_ticket(acme, author=acting, subject="Invoice", body="Wrong VAT", department=billing)
    assert error.value.code == "access"
    assert actions.incidents_left(acme, provider) == 1
    assert not Ticket.objects.exists()
