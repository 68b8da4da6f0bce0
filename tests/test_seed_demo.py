from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import Client, User
from accounts.roles import Role
from helpdesk.incidents.actions import incidents_left
from helpdesk.messages.models import Message
from helpdesk.tickets import regulation
from helpdesk.tickets.models import Department, Ticket, TicketEvent

pytestmark = pytest.mark.django_db

DEMO_LOGINS = {
    "root": Role.ROOT,
    "staff": Role.ADMIN,
    "staff2": Role.ADMIN,
    "client": Role.USER,
    "client2": Role.USER,
}


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the class (it takes seconds); each test runs in a
    savepoint of it, the whole is rolled back after the class."""
    fast_hashing = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True, PASSWORD_HASHERS=fast_hashing):
            seed()
        yield
        transaction.set_rollback(True)


# Each pytest-xdist worker runs its share of a class in a row: at most one seed a worker.
@pytest.mark.usefixtures("seeded")
class TestTheDemo:
    def test_demo_logins_have_their_roles_and_the_demo_password(self):
        for username, role in DEMO_LOGINS.items():
            user = User.objects.get(username=username)
            assert user.role == role, username
            assert user.check_password("demo"), username
        assert User.objects.get(username="client").client.name == "Acme Hosting"
        assert User.objects.get(username="client2").client.name == "Globex"

    def test_personas_start_with_known_money(self, provider):
        acme = Client.objects.get(name="Acme Hosting")
        globex = Client.objects.get(name="Globex")
        assert acme.balance() == Decimal("100.00")
        assert incidents_left(acme, provider) == 0
        assert globex.balance() == Decimal("0.00")

    def test_tickets_cover_every_status_with_one_hidden_message(self):
        statuses = set(Ticket.objects.values_list("status", flat=True))
        assert statuses == {0, 1, 2, 3, 10}
        assert Message.objects.filter(hidden=True).count() == 1
        assert Department.objects.get(provider__name="HostCo", name="Billing").requires_incident
        acme_statuses = set(
            Ticket.objects.filter(client__name="Acme Hosting").values_list("status", flat=True)
        )
        assert {0, 2, 3}.issubset(acme_statuses)

    def test_ticket_times_are_in_the_past_and_in_order(self):
        now = timezone.now()
        tickets = Ticket.objects.prefetch_related("messages", "events")
        for ticket in tickets:
            events = list(ticket.events.all())
            stamps = [ticket.created_at, ticket.changed_at, ticket.last_message_at]
            stamps += [message.created_at for message in ticket.messages.all()]
            stamps += [event.created_at for event in events]
            assert max(stamps) < now, ticket.pk
            assert all(event.created_at >= ticket.created_at for event in events), ticket.pk
            if ticket.waiting_since:  # since the client's first unanswered message
                posted = {message.created_at for message in ticket.messages.all()}
                assert ticket.waiting_since in posted, ticket.pk
            if ticket.is_closed:
                closed = [event for event in events if event.kind == TicketEvent.Kind.CLOSED]
                assert closed[-1].created_at == ticket.closed_at >= ticket.created_at
            if ticket.status == Ticket.Status.ARCHIVED:
                (archived,) = [e for e in events if e.kind == TicketEvent.Kind.ARCHIVED]
                assert archived.created_at == ticket.archived_at > ticket.closed_at

    def test_the_history_spans_weeks_and_ends_before_now(self):
        first = Ticket.objects.earliest("created_at").created_at
        last = Ticket.objects.latest("created_at").created_at
        assert last - first > timedelta(days=30)
        assert last < timezone.now()

    def test_second_run_changes_nothing_and_bulk_adds_consistent_tickets(self, settings):
        settings.DEBUG = True
        tickets_before = Ticket.objects.count()
        assert "already present" in seed()
        assert Ticket.objects.count() == tickets_before

        seeded_at = timezone.now()
        seed(tickets=50)

        assert Ticket.objects.count() == tickets_before + 50
        bulk = Ticket.objects.order_by("-id")[:50].select_related("client", "department")
        for ticket in bulk:
            assert ticket.messages.exists()
            assert ticket.queue_key == regulation.queue_key(ticket)
            assert ticket.in_queue == (ticket.status < Ticket.Status.CLOSED)
            # The times the bulk seeder drew, not the moment it wrote the rows.
            assert ticket.created_at == ticket.messages.earliest("created_at").created_at
            assert ticket.last_message_at <= seeded_at - timedelta(minutes=1)


def test_refuses_without_debug_unless_given_a_password(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--password"):
        seed()
    assert not User.objects.exists()

    seed(password="not-the-default")

    assert User.objects.get(username="staff").check_password("not-the-default")
    assert not User.objects.get(username="client").check_password("demo")
