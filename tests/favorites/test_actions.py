import pytest

from helpdesk.favorites import actions
from helpdesk.favorites.policies import favorite_tickets


@pytest.mark.django_db
class TestFavorites:
    def test_toggle_flips_each_ticket(self, open_ticket, staff):
        first, second = open_ticket(), open_ticket()
        actions.add_favorites([first], user=staff)
        actions.toggle_favorites([first, second], user=staff)
        assert list(favorite_tickets(staff)) == [second]

    def test_adding_twice_keeps_one(self, ticket, staff):
        actions.add_favorites([ticket], user=staff)
        actions.add_favorites([ticket], user=staff)
        assert favorite_tickets(staff).count() == 1

    def test_favorites_are_per_staff_member(self, ticket, staff, root):
        actions.add_favorites([ticket], user=staff)
        assert not favorite_tickets(root).exists()

    def test_a_ticket_no_longer_visible_leaves_the_list(self, ticket, staff, sales):
        actions.add_favorites([ticket], user=staff)
        ticket.department = sales
        ticket.save()
        assert not favorite_tickets(staff).exists()

    def test_clients_have_no_favorites(self, ticket, client_user):
        assert not favorite_tickets(client_user).exists()
