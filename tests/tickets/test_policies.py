import pytest

from helpdesk.tickets import policies
from helpdesk.tickets.models import Ticket
from tests.factories import TicketFactory


@pytest.mark.django_db
class TestVisibleTickets:
    def test_staff_see_only_their_departments(self, ticket, staff, staff2, sales):
        sales_ticket = TicketFactory(department=sales)
        assert list(policies.visible_tickets(staff)) == [ticket]
        assert list(policies.visible_tickets(staff2)) == [sales_ticket]

    def test_root_sees_everything(self, ticket, root, sales):
        TicketFactory(department=sales)
        assert policies.visible_tickets(root).count() == 2

    def test_a_client_user_sees_only_their_accounts_tickets(self, ticket, client2_user, acme):
        colleague_ticket = TicketFactory(client=acme, department=ticket.department)
        assert list(policies.visible_tickets(client2_user)) == []
        same_account = ticket.created_by
        assert set(policies.visible_tickets(same_account)) == {ticket, colleague_ticket}

    def test_a_user_without_client_account_sees_nothing(self, ticket, client_user):
        client_user.client = None
        assert not policies.visible_tickets(client_user).exists()


@pytest.mark.django_db
class TestChecks:
    def test_staff_may_work_only_their_departments_tickets(self, ticket, staff, staff2):
        assert policies.can_work(staff, ticket)
        assert not policies.can_work(staff2, ticket)

    def test_clients_never_do_staff_work(self, ticket, client_user):
        assert policies.can_view(client_user, ticket)
        assert not policies.can_work(client_user, ticket)
        assert not policies.can_split(client_user, ticket)

    def test_only_closed_own_tickets_can_be_archived(self, ticket, client_user, client2_user):
        assert not policies.can_archive(client_user, ticket)
        ticket.status = Ticket.Status.CLOSED
        assert policies.can_archive(client_user, ticket)
        assert not policies.can_archive(client2_user, ticket)

    def test_staff_may_act_as_the_tickets_author(self, ticket, staff, staff2, client_user):
        assert policies.su_target(ticket) == client_user
        assert policies.can_su(staff, ticket)
        assert not policies.can_su(staff2, ticket)

    def test_clients_see_only_departments_shown_to_them(self, tech, sales, client_user):
        sales.shown_to_clients = False
        sales.save()
        assert list(policies.client_departments(client_user)) == [tech]


@pytest.mark.django_db
def test_the_blocked_filter_ignores_expired_blocks(open_ticket, staff, settings):
    from datetime import timedelta

    from django.utils import timezone

    from helpdesk.tickets import actions
    from helpdesk.tickets.filters import StaffTicketFilter

    live, expired = open_ticket(), open_ticket()
    actions.open_for_staff(live, user=staff)
    actions.open_for_staff(expired, user=staff)
    long_ago = timezone.now() - timedelta(minutes=settings.HELPDESK["BLOCK_MINUTES"] + 5)
    Ticket.objects.filter(pk=expired.pk).update(blocked_at=long_ago)
    found = StaffTicketFilter({"props": ["blocked"]}, queryset=Ticket.objects.all(), user=staff)
    assert list(found.qs) == [live]
