"""The clock seam: the demo's simulated time reaches every stamp through `helpdesk.clock`,
without patching anything, and nothing outside the simulation sees it."""

import ast
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from helpdesk import clock
from helpdesk.tickets import actions
from helpdesk.tickets.filters import save_params
from helpdesk.tickets.models import SavedFilter, Ticket, TicketEvent
from tests.factories import ReplyTemplateFactory

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = [ROOT / "helpdesk", ROOT / "accounts"]
# Where the wall clock is meant (the reasons are in helpdesk/clock.py's docstring).
WALL_TIME_FILES = {
    "accounts/actions.py",
    "accounts/impersonation.py",
    "accounts/tasks.py",
    "helpdesk/api/sessions.py",
    "helpdesk/clock.py",
    "helpdesk/mail/admin.py",
    "helpdesk/mail/fetching.py",
    "helpdesk/mail/incoming.py",
    "helpdesk/mail/models.py",
    "helpdesk/mail/outgoing.py",
    "helpdesk/tickets/live.py",
}
WALL_TIME_FIELDS = {
    ("accounts", "AuditEvent", "created_at"),
    ("accounts", "ApiToken", "created_at"),
    ("accounts", "SubmittedForm", "created_at"),
}
MOMENT = datetime(2021, 3, 4, 10, 0, tzinfo=UTC)


def production_files():
    for folder in PRODUCTION:
        for path in sorted(folder.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_production_code_patches_nothing():
    patching = {
        str(path.relative_to(ROOT))
        for path in production_files()
        if any(module.split(".")[0] in {"unittest", "mock"} for module in imported_modules(path))
    }
    assert patching == set()


def test_only_the_wall_time_places_ask_timezone_now():
    asking = {
        str(path.relative_to(ROOT))
        for path in production_files()
        if "timezone.now" in path.read_text()
    }
    assert asking == WALL_TIME_FILES


def test_only_the_security_records_are_stamped_by_auto_now():
    stamped = {
        (model._meta.app_label, model.__name__, field.name)
        for model in apps.get_models()
        if model.__module__.startswith(("helpdesk.", "accounts."))
        for field in model._meta.fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    }
    assert stamped == WALL_TIME_FIELDS


def test_now_is_the_wall_clock_outside_a_simulation():
    before = timezone.now()
    assert before <= clock.now() <= timezone.now()


def test_a_simulation_is_seen_only_inside_its_block_and_its_thread():
    seen_by_thread = []
    with clock.simulated(clock.SimulatedClock(MOMENT)) as simulation:
        assert clock.now() == MOMENT
        simulation.advance(90)
        assert clock.now() == MOMENT + timedelta(minutes=90)
        thread = threading.Thread(target=lambda: seen_by_thread.append(clock.now()))
        thread.start()
        thread.join()
    assert seen_by_thread[0] > MOMENT + timedelta(days=365)
    assert clock.now() > MOMENT + timedelta(days=365)


@pytest.mark.django_db
def test_actions_stamp_the_simulated_time(open_ticket, staff):
    with clock.simulated(clock.SimulatedClock(MOMENT)) as simulation:
        ticket = open_ticket()
        simulation.advance(30)
        actions.post_staff_reply(ticket, author=staff, body="Fixed.", notify=False)
        simulation.advance(30)
        actions.close_tickets([ticket], by=staff)

    ticket = Ticket.objects.get(pk=ticket.pk)
    first, reply = ticket.messages.order_by("id")
    assert (ticket.created_at, first.created_at) == (MOMENT, MOMENT)
    assert reply.created_at == ticket.last_message_at == MOMENT + timedelta(minutes=30)
    assert ticket.closed_at == ticket.changed_at == MOMENT + timedelta(minutes=60)
    closed = ticket.events.get(kind=TicketEvent.Kind.CLOSED)
    assert closed.created_at == ticket.closed_at


@pytest.mark.django_db
def test_saves_stamp_their_change_as_auto_now_did(staff):
    later = MOMENT + timedelta(hours=1)
    with clock.simulated(clock.SimulatedClock(MOMENT)) as simulation:
        save_params(staff, SavedFilter.Kind.QUEUE, {"status": "1"})
        template = ReplyTemplateFactory(owner=staff)
        simulation.set(later)
        save_params(staff, SavedFilter.Kind.QUEUE, {"status": "2"})
        template.order += 1
        template.save(update_fields=["order"])  # moved in the list, not changed

    assert SavedFilter.objects.get(user=staff).updated_at == later
    template.refresh_from_db()
    assert template.updated_at == MOMENT
