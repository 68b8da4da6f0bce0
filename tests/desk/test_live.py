"""What the desk's pages poll: the tickets changed since a moment (live lists, browser
notifications) and, on a ticket's page, who else has it open and what was written since it
was shown. Through HTTP, as the pages ask."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from helpdesk.tickets import actions, live
from helpdesk.tickets.models import TicketViewer
from tests.desk.conftest import once
from tests.factories import DepartmentFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def stamp_before(**delta) -> int:
    return live.stamp(timezone.now() - timedelta(**delta))


def changes(desk, since) -> dict:
    return {
        each["id"]: each for each in desk.get(f"/desk/changes/?since={since}").json()["changes"]
    }


def test_a_new_ticket_is_a_change_marked_created(desk, ticket):
    found = changes(desk, stamp_before(seconds=5))
    assert found[ticket.pk]["created"] is True and found[ticket.pk]["in_queue"] is True
    assert found[ticket.pk]["subject"] == "Website is down"


def test_a_closed_ticket_is_reported_as_changed_and_out_of_the_queue(desk, ticket, staff):
    type(ticket).objects.update(changed_at=timezone.now() - timedelta(hours=1))
    since = live.stamp(timezone.now())
    assert changes(desk, since) == {}
    actions.close_tickets([ticket], by=staff)
    found = changes(desk, since)
    assert found[ticket.pk]["in_queue"] is False


def test_every_write_path_marks_the_ticket_changed(desk, ticket, staff, client_user):
    """Saves naming only some fields and the group unblock's bulk update both count."""
    checks = [
        lambda: actions.open_for_staff(ticket, user=staff),  # save(update_fields=…)
        lambda: actions.unblock_tickets([ticket], by=staff),  # queryset update
        lambda: actions.post_client_message(ticket, author=client_user, body="Still down"),
        lambda: actions.update_ticket(ticket, by=staff, high_priority=True),
    ]
    for change in checks:
        before = type(ticket).objects.get(pk=ticket.pk).changed_at
        change()
        assert type(ticket).objects.get(pk=ticket.pk).changed_at > before, change


def test_the_stamp_of_a_row_matches_the_change_it_reports(desk, ticket):
    html = desk.get("/desk/").content.decode()
    found = changes(desk, stamp_before(seconds=5))
    assert f'data-ticket="{ticket.pk}" data-changed="{found[ticket.pk]["at"]}"' in html


def test_changes_are_one_query_on_the_visible_tickets(desk, many_tickets):
    mine = many_tickets(3)
    foreign = TicketFactory(department=DepartmentFactory())
    desk.get("/desk/changes/")  # the session is loaded once
    with CaptureQueriesContext(connection) as captured:
        found = changes(desk, stamp_before(seconds=5))
    assert set(found) == {each.pk for each in mine}, "another department's ticket stays out"
    assert foreign.pk not in found
    ticket_queries = [q for q in captured.captured_queries if "tickets_ticket" in q["sql"]]
    assert len(ticket_queries) == 1


def test_changes_from_before_the_overlap_are_not_reported(desk, ticket):
    type(ticket).objects.update(changed_at=timezone.now() - live.OVERLAP - timedelta(seconds=5))
    assert changes(desk, live.stamp(timezone.now())) == {}
    assert ticket.pk in changes(desk, stamp_before(seconds=60))


def test_a_client_answer_on_a_ticket_the_user_holds_is_marked_answered(
    desk, ticket, staff, client_user
):
    actions.open_for_staff(ticket, user=staff)
    since = live.stamp(timezone.now())
    actions.post_client_message(ticket, author=client_user, body="It is down again")
    assert changes(desk, since)[ticket.pk]["answered"] is True


def test_a_client_answer_on_a_colleagues_ticket_is_not_marked_answered(
    desk, ticket, root, client_user
):
    actions.open_for_staff(ticket, user=root)
    since = live.stamp(timezone.now())
    actions.post_client_message(ticket, author=client_user, body="It is down again")
    assert changes(desk, since)[ticket.pk]["answered"] is False


@pytest.mark.parametrize("since", ["x", "-1", "99999999999999999999999", "", "1.5", "١٢"])
def test_changes_take_junk_calmly(desk, ticket, since):
    answer = desk.get(f"/desk/changes/?since={since}").json()
    assert answer["changes"] == [] and answer["now"] > 0


def test_clients_may_not_poll_the_desk(client, client_user):
    client.force_login(client_user)
    assert client.get("/desk/changes/").status_code in (302, 403)


# The ticket page: presence and the new-message notice.


def watch(client, ticket, **data):
    return client.post(f"/desk/tickets/{ticket.pk}/watch/", data)


@pytest.fixture
def colleague(client, tech):
    """A second staff member of Technical support, in a client of their own."""
    from django.test import Client

    user = UserFactory(username="tess", role=Role.ADMIN, first_name="Tess", last_name="Tech")
    tech.members.add(user)
    browser = Client()
    browser.force_login(user)
    return browser


def test_colleagues_see_who_else_has_the_ticket_open(desk, colleague, ticket):
    assert watch(desk, ticket, seen_message_id=0).json()["viewers"] == []
    assert watch(colleague, ticket, seen_message_id=0, typing="1").json()["viewers"] == [
        {"name": "Sam S.", "typing": False}
    ]
    assert watch(desk, ticket).json()["viewers"] == [{"name": "Tess T.", "typing": True}]


def test_a_page_that_left_or_went_quiet_is_no_longer_shown(desk, colleague, ticket):
    watch(colleague, ticket)
    watch(colleague, ticket, left="1")
    assert watch(desk, ticket).json()["viewers"] == []
    watch(colleague, ticket)
    TicketViewer.objects.update(seen_at=timezone.now() - timedelta(seconds=live.PRESENCE_SECONDS))
    assert watch(desk, ticket).json()["viewers"] == []
    assert live.forget_stale_viewers(now=timezone.now() + timedelta(hours=1)) == 2


def test_the_page_hears_of_a_client_message_written_since_it_was_shown(
    desk, ticket, client_user, staff
):
    seen = ticket.messages.order_by("-id").first().pk
    assert watch(desk, ticket, seen_message_id=seen).json()["new_messages"] == []
    actions.post_client_message(ticket, author=client_user, body="And the mail too")
    actions.add_note(ticket, author=staff, body="Checking the mail server")
    newer = watch(desk, ticket, seen_message_id=seen).json()["new_messages"]
    assert [(m["kind"], m["author"]) for m in newer] == [
        ("incoming", client_user.short_name), ("note", "Sam S.")
    ]  # fmt: skip


def test_watching_is_a_few_queries_whatever_the_thread(desk, ticket, long_thread):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            watch(desk, ticket, seen_message_id=1)
        return len(captured)

    long_thread(3)
    few = queries()
    long_thread(30)
    assert queries() == few


@pytest.mark.parametrize("seen", ["", "x", "-3", "99999999999999999999999999"])
def test_watch_takes_junk_calmly(desk, ticket, seen):
    assert watch(desk, ticket, seen_message_id=seen).json()["new_messages"] == []


def test_watch_is_refused_for_another_departments_ticket_and_for_get(client, staff2, ticket, desk):
    assert desk.get(f"/desk/tickets/{ticket.pk}/watch/").status_code == 405
    client.force_login(staff2)
    assert watch(client, ticket).status_code == 404
    assert not TicketViewer.objects.exists()


def test_the_ticket_page_carries_the_watch_address(desk, ticket):
    html = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert f'data-ticket-watch="/desk/tickets/{ticket.pk}/watch/"' in html


# Where "Send" leads, remembered per user on the server.


def send(desk, ticket, **data):
    seen = ticket.messages.order_by("-id").first().pk
    return desk.post(
        f"/desk/tickets/{ticket.pk}/reply/",
        once(**{"message": "Done.", "seen_message_id": seen, "close": "0", **data}),
    )


def test_send_goes_back_to_the_queue_by_default(desk, ticket):
    assert send(desk, ticket)["Location"] == "/desk/"


def test_the_next_ticket_choice_is_remembered_and_opens_the_heaviest_free_one(
    desk, many_tickets, root, staff
):
    first, second, held = many_tickets(3)
    actions.update_ticket(second, by=staff, high_priority=True)
    actions.update_ticket(held, by=staff, priority=2, high_priority=True)
    actions.open_for_staff(held, user=root)  # a colleague holds the heaviest
    assert send(desk, first, after_send="next")["Location"] == f"/desk/tickets/{second.pk}/"
    html = desk.get(f"/desk/tickets/{second.pk}/").content.decode()
    assert '<option value="next" selected>' in html
    # Remembered: the next send without a choice goes on to the next ticket too.
    response = desk.post(
        f"/desk/tickets/{second.pk}/reply/",
        once(message="Done.", seen_message_id=second.messages.last().pk, close="1"),
    )
    assert response["Location"] == f"/desk/tickets/{first.pk}/"


def test_with_nothing_left_in_the_queue_send_goes_to_the_queue(desk, ticket):
    assert send(desk, ticket, after_send="next", close="1")["Location"] == "/desk/"


def test_a_junk_choice_changes_nothing(desk, ticket):
    send(desk, ticket, after_send="next")
    send(desk, ticket, after_send="<script>")
    html = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert '<option value="next" selected>' in html
