import pytest
from django.db import IntegrityError

from helpdesk.favorites.models import Favorite
from helpdesk.incidents.models import IncidentEntry
from helpdesk.tickets.models import Ticket
from tests.factories import TicketFactory


def violates(create):
    with pytest.raises(IntegrityError):
        create()


@pytest.mark.django_db
class TestDatabaseRules:
    def test_status_must_be_a_known_value(self):
        violates(lambda: TicketFactory(status=7))

    def test_priority_is_0_to_2(self):
        violates(lambda: TicketFactory(priority=5))

    def test_priority_cannot_be_raised_and_lowered_at_once(self):
        violates(lambda: TicketFactory(high_priority=True, low_priority=True))

    def test_a_closed_ticket_is_not_in_the_queue(self):
        violates(lambda: TicketFactory(status=Ticket.Status.CLOSED, in_queue=True))

    def test_one_favorite_per_staff_member_and_ticket(self, staff):
        ticket = TicketFactory()
        Favorite.objects.create(user=staff, ticket=ticket)
        violates(lambda: Favorite.objects.create(user=staff, ticket=ticket))

    def test_consuming_an_incident_takes_exactly_one(self, acme):
        violates(lambda: IncidentEntry.objects.create(client=acme, delta=-3, kind="consumed"))

    def test_purchases_add_a_positive_count(self, acme):
        violates(lambda: IncidentEntry.objects.create(client=acme, delta=0, kind="purchase"))
