"""Every change of a ticket that is not a message leaves a history row with its actor,
shown to staff on the ticket page and to root in the admin."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts import impersonation
from helpdesk.tickets import actions
from helpdesk.tickets.models import Priority, TicketEvent
from tests.desk.conftest import once
from tests.factories import UserFactory
from tests.portal.util import with_token

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def desk(staff):
    return logged_in(staff)


@pytest.fixture
def as_client(client_user):
    return logged_in(client_user)


@pytest.fixture
def acting_staff(staff, client_user):
    browser = logged_in(staff)
    session = browser.session
    impersonation.start(session, actor=staff, target=client_user)
    session.save()
    return browser


def kinds(ticket) -> list[str]:
    return list(ticket.events.order_by("created_at", "id").values_list("kind", flat=True))


def history_of(desk, ticket) -> str:
    html = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    return html.split('data-testid="history"')[1].split("</section>")[0]


def test_closing_reopening_and_archiving_are_recorded_with_their_actors(
    desk, as_client, staff, client_user, ticket
):
    desk.post("/desk/close/", once(elid=[ticket.pk], next="/desk/"))
    as_client.post(f"/tickets/{ticket.pk}/reply/", with_token({"message": "Still broken"}))
    actions.close_tickets([ticket], by=staff)
    as_client.post("/archive/", with_token({"ticket": [ticket.pk]}))
    events = list(ticket.events.order_by("id").values_list("kind", "actor__username"))
    assert events == [
        ("closed", "staff"), ("reopened", "client"), ("closed", "staff"), ("archived", "client"),
    ]  # fmt: skip
    history = history_of(desk, ticket)
    assert "Closed the ticket" in history and "Reopened the ticket" in history
    assert "Archived the ticket" in history


def test_a_parameter_change_says_what_changed(desk, ticket, staff, tech):
    response = desk.post(
        f"/desk/tickets/{ticket.pk}/params/",
        once(subject="Site down since noon", department=tech.pk, responsible=staff.pk,
             priority=Priority.HIGH, client_priority=Priority.MEDIUM),
    )  # fmt: skip
    assert response.status_code == 302
    event = ticket.events.get(kind="changed")
    assert event.actor == staff
    fields = {change["field"]: (change["from"], change["to"]) for change in event.data["changes"]}
    assert fields["subject"] == ("Website is down", "Site down since noon")
    assert fields["priority"] == ("medium", "high")
    assert fields["responsible staff member"] == ("—", str(staff))
    assert "subject: Website is down → Site down since noon" in history_of(desk, ticket)
    desk.post(
        f"/desk/tickets/{ticket.pk}/params/",
        once(subject="Site down since noon", department=tech.pk, responsible=staff.pk,
             priority=Priority.HIGH, client_priority=Priority.MEDIUM),
    )  # fmt: skip
    assert ticket.events.filter(kind="changed").count() == 1, "no change, no row"


def test_blocks_taken_over_and_released_are_recorded_once(desk, staff, tech, ticket):
    desk.post(f"/desk/tickets/{ticket.pk}/open/")
    desk.post(f"/desk/tickets/{ticket.pk}/open/")
    assert kinds(ticket) == ["block_taken"], "looking again is not a new block"
    colleague = UserFactory(username="colleague", role=staff.role)
    tech.members.add(colleague)
    other = logged_in(colleague)
    other.post(f"/desk/tickets/{ticket.pk}/take-over/", once())
    other.post("/desk/unblock/", once(elid=[ticket.pk], next="/desk/"))
    taken_over = ticket.events.filter(actor=colleague, kind="block_taken").get()
    assert taken_over.data["from"] == str(staff)
    assert kinds(ticket) == ["block_taken", "block_taken", "block_released"]


def test_hide_show_edit_split_charge_and_violation_are_recorded(desk, ticket, staff, client_user):
    reply = actions.post_staff_reply(ticket, author=staff, body="Try again")
    actions.post_client_message(ticket, author=client_user, body="A new problem")
    base = f"/desk/tickets/{ticket.pk}/messages/{reply.pk}"
    desk.post(f"{base}/hide/", once(hidden="1"))
    desk.post(f"{base}/hide/", once(hidden="0"))
    desk.post(f"{base}/edit/", once(message="Try again, please"))
    desk.post(f"/desk/tickets/{ticket.pk}/charge/", once(amount="12.50", comment="DNS"))
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    desk.post(f"/desk/tickets/{ticket.pk}/violation/", once(score="5", action="forward",
              score_note="Spam", deadline_date=tomorrow, deadline_time="12:00"))  # fmt: skip
    last = ticket.messages.order_by("-id").exclude(kind="system").first()
    split = {"subject": ticket.subject, "department": ticket.department_id}
    desk.post(f"/desk/tickets/{ticket.pk}/messages/{last.pk}/split/", once(**split))
    assert kinds(ticket) == [
        "message_hidden", "message_shown", "message_edited", "charged", "violation", "split",
    ]  # fmt: skip
    assert set(ticket.events.values_list("actor__username", flat=True)) == {"staff"}
    split_off = TicketEvent.objects.exclude(ticket=ticket).get()
    assert split_off.kind == "split" and split_off.data == {"other": ticket.pk, "direction": "from"}
    history = history_of(desk, ticket)
    assert "Charged 12.50 USD: DNS" in history
    assert f"Hid message {reply.pk} from the client" in history


def test_auto_archive_is_the_systems_doing(ticket, staff, settings):
    from datetime import timedelta

    from django.utils import timezone

    actions.close_tickets([ticket], by=staff)
    actions.auto_archive(
        now=timezone.now() + timedelta(days=settings.HELPDESK["AUTO_ARCHIVE_DAYS"] + 1)
    )
    archived = ticket.events.get(kind="archived")
    assert archived.actor is None


def test_staff_acting_as_the_client_are_named_in_the_history(acting_staff, ticket, staff):
    acting_staff.post(f"/tickets/{ticket.pk}/reply/", with_token({"message": "From the desk"}))
    actions.close_tickets([ticket], by=staff)
    acting_staff.post(f"/tickets/{ticket.pk}/reply/", with_token({"message": "Again"}))
    assert ticket.events.get(kind="reopened").actor == staff


def test_root_reads_the_events_in_the_admin_and_cannot_change_them(client, root, ticket, staff):
    actions.close_tickets([ticket], by=staff)
    client.force_login(root)
    listing = client.get("/admin/tickets/ticketevent/")
    assert listing.status_code == 200 and "Closed the ticket" in listing.content.decode()
    event = ticket.events.get()
    assert (
        client.post(f"/admin/tickets/ticketevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert TicketEvent.objects.filter(pk=event.pk).exists()
