import inspect

import pytest

from accounts.models import User
from helpdesk.tickets import actions, policies
from helpdesk.tickets.models import Ticket
from tests.factories import TicketFactory, UserFactory


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


# Who may do what with a ticket of Acme (login `client`) in Technical support (`staff`),
# by the ticket's state. Each cell names the predicates that say yes; all others say no.
PREDICATES = {
    "view": "can_view",
    "work": "can_work",
    "split": "can_split",
    "write": "can_client_write",
    "archive": "can_archive",
    "solve": "can_mark_solved",  # the client closes it as solved
    "su": "can_su",
    "act_as": "can_act_as",  # act as the ticket's client user
}
STATES = ["new", "under review", "closed", "archived"]
STAFF_OF_THE_DEPARTMENT = dict.fromkeys(STATES, "view work split su act_as")
THE_CLIENT = {
    "new": "view write solve",
    "under review": "view write solve",
    "closed": "view write archive",
    "archived": "view write",
}
NOTHING = dict.fromkeys(STATES, "")
TABLE = {
    "root": STAFF_OF_THE_DEPARTMENT,
    "staff of the department": STAFF_OF_THE_DEPARTMENT,
    "staff of another department": NOTHING,
    "the client's user": THE_CLIENT,
    "another client's user": NOTHING,
    "a login with no role": NOTHING,
    # Acting as a client gives the client's powers only within the actor's own departments.
    "staff acting as the client": THE_CLIENT,
    "staff of another department acting as the client": NOTHING,
}


def acting_as(target, actor):
    """The client user as the impersonation middleware hands it to a view."""
    user = User.objects.get(pk=target.pk)
    user.acting_by = actor
    return user


@pytest.fixture
def personas(root, staff, staff2, client_user, client2_user):
    no_role = UserFactory(username="norole", client=None)
    no_role.groups.clear()
    no_role = User.objects.get(pk=no_role.pk)
    return {
        "root": root,
        "staff of the department": staff,
        "staff of another department": staff2,
        "the client's user": client_user,
        "another client's user": client2_user,
        "a login with no role": no_role,
        "staff acting as the client": acting_as(client_user, staff),
        "staff of another department acting as the client": acting_as(client_user, staff2),
    }


@pytest.fixture
def ticket_in(ticket, staff, client_user):
    def bring(state):
        if state in ("under review", "closed", "archived"):
            actions.open_for_staff(ticket, user=staff)
        if state in ("closed", "archived"):
            actions.close_tickets([ticket], by=staff)
        if state == "archived":
            actions.archive_tickets([ticket], by=client_user)
        ticket.refresh_from_db()
        assert ticket.get_status_display().lower() == state
        return ticket

    return bring


def answer(name, user, ticket):
    predicate = getattr(policies, name)
    if name == "can_act_as":
        return predicate(user, policies.su_target(ticket))
    return predicate(user, ticket)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", TABLE)
def test_who_may_do_what_with_a_ticket(personas, ticket_in, persona, state):
    ticket = ticket_in(state)
    user = personas[persona]
    expected = set(TABLE[persona][state].split())
    said_yes = {short for short, name in PREDICATES.items() if answer(name, user, ticket)}
    assert said_yes == expected
    # The scope and the fetch-and-authorise agree with the yes/no answers.
    assert policies.visible_tickets(user).filter(pk=ticket.pk).exists() == ("view" in expected)
    for to, short in [("view", "view"), ("work", "work"), ("write", "write")]:
        try:
            policies.access_ticket(user, ticket.pk, to=to)
        except policies.TicketNotFound:
            assert short not in expected, to
        else:
            assert short in expected, to


def test_the_table_asks_every_predicate_of_the_policies():
    public = {
        name
        for name, function in inspect.getmembers(policies, inspect.isfunction)
        if function.__module__ == policies.__name__ and name.startswith(("can_", "is_"))
    }
    assert public == set(PREDICATES.values())


@pytest.mark.django_db
class TestChecks:
    def test_staff_act_as_the_tickets_author(self, ticket, client_user):
        assert policies.su_target(ticket) == client_user

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
