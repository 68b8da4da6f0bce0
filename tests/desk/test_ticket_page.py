"""The ticket page (`ticket.edit`): opening, blocking, replying, notes, parameters."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Priority, Ticket
from tests.desk.conftest import once
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


def page(desk, ticket):
    response = desk.get(f"/desk/tickets/{ticket.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def open_page(desk, ticket):
    """Show the ticket page and post what the page posts once it is shown."""
    html = page(desk, ticket)
    assert f'action="/desk/tickets/{ticket.pk}/open/" data-post-on-load' in html
    assert desk.post(f"/desk/tickets/{ticket.pk}/open/").status_code == 204
    return html


def test_showing_the_page_changes_nothing(desk, ticket):
    html = page(desk, ticket)
    ticket.refresh_from_db()
    assert ticket.blocked_by is None and ticket.unread_by_staff
    assert ticket.status == Ticket.Status.NEW
    assert "My site returns <strong>502</strong>" in html


def test_opening_blocks_the_ticket_and_clears_unread(desk, staff, ticket):
    assert ticket.unread_by_staff
    html = open_page(desk, ticket)
    ticket.refresh_from_db()
    assert ticket.blocked_by == staff
    assert not ticket.unread_by_staff
    assert ticket.status == Ticket.Status.UNDER_REVIEW
    assert 'data-testid="blocked-banner"' not in html


def test_opening_is_a_post(desk, ticket):
    assert desk.get(f"/desk/tickets/{ticket.pk}/open/").status_code == 405
    ticket.refresh_from_db()
    assert ticket.blocked_by is None


def test_a_colleague_sees_who_holds_it_and_can_take_over(client, staff, tech, ticket):
    actions.open_for_staff(ticket, user=staff)
    colleague = UserFactory(username="colleague", role=staff.role, last_name="Lee")
    tech.members.add(colleague)
    client.force_login(colleague)
    html = open_page(client, ticket)
    assert "Blocked by Sam S. since" in html
    ticket.refresh_from_db()
    assert ticket.blocked_by == staff, "opening does not steal the block"
    response = client.post(f"/desk/tickets/{ticket.pk}/take-over/", once())
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.blocked_by == colleague


def test_reply_is_sent_and_rendered(desk, ticket):
    html = page(desk, ticket)
    seen = re.search(r'name="seen_message_id" value="(\d+)"', html).group(1)
    response = desk.post(
        f"/desk/tickets/{ticket.pk}/reply/",
        once(message="Try **this**:\n\n- restart", seen_message_id=seen, close="0"),
    )
    assert response.status_code == 302
    assert response["Location"] == "/desk/", "back to the queue unless the agent chose otherwise"
    assert f"Reply sent to ticket #{ticket.pk}." in desk.get("/desk/").content.decode()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.AWAITING_RESPONSE
    assert ticket.in_queue, "Send keeps the ticket in the queue"
    html = page(desk, ticket)
    assert "Try <strong>this</strong>" in html and "<li>restart</li>" in html


def test_a_reply_reads_the_ticket_once_and_locked(desk, ticket):
    with CaptureQueriesContext(connection) as queries:
        response = desk.post(f"/desk/tickets/{ticket.pk}/reply/", once(message="On it."))
    assert response.status_code == 302
    reads = [q["sql"] for q in queries if re.match(r'SELECT .* FROM "tickets_ticket"', q["sql"])]
    assert len(reads) == 1, reads
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in reads[0]


def test_send_and_close_closes_and_goes_back_to_the_queue(desk, ticket):
    response = desk.post(f"/desk/tickets/{ticket.pk}/reply/", once(message="Done.", close="1"))
    assert response["Location"] == "/desk/"
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED and not ticket.in_queue


def test_a_reply_written_while_a_new_message_came_is_not_sent(desk, ticket, client_user):
    html = page(desk, ticket)
    seen = re.search(r'name="seen_message_id" value="(\d+)"', html).group(1)
    newer = actions.post_client_message(ticket, author=client_user, body="Also the mail is down")
    response = desk.post(
        f"/desk/tickets/{ticket.pk}/reply/",
        once(message="My careful answer", seen_message_id=seen),
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "My careful answer</textarea>" in html
    assert "Also the mail is down" in html
    assert f'id="m{newer.pk}"' in html and "is-new" in html
    assert f'name="seen_message_id" value="{newer.pk}"' in html
    assert not ticket.messages.filter(kind=Message.Kind.OUTCOMING).exists()
    again = desk.post(
        f"/desk/tickets/{ticket.pk}/reply/",
        once(message="My careful answer", seen_message_id=str(newer.pk)),
    )
    assert again.status_code == 302
    assert ticket.messages.filter(kind=Message.Kind.OUTCOMING).count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"message": ""},
        {"message": "   "},
        {"message": "x" * 100_001},
        {"message": "ok", "seen_message_id": "abc"},
        {"message": "ok", "seen_message_id": "99999999999999999999999"},
        {},
    ],
)
def test_bad_replies_are_refused_and_keep_the_text(desk, ticket, data):
    response = desk.post(f"/desk/tickets/{ticket.pk}/reply/", once(**data))
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not ticket.messages.filter(kind=Message.Kind.OUTCOMING).exists()


def test_reply_with_attachment_can_be_downloaded_by_staff_only(desk, client, staff2, ticket):
    upload = SimpleUploadedFile("log.txt", b"disk full", content_type="text/plain")
    desk.post(f"/desk/tickets/{ticket.pk}/reply/", once(message="See the log", files=[upload]))
    attachment = ticket.messages.get(kind=Message.Kind.OUTCOMING).attachments.get()
    html = page(desk, ticket)
    assert f'href="/desk/files/{attachment.pk}/"' in html
    response = desk.get(f"/desk/files/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"disk full"
    assert "log.txt" in response["Content-Disposition"]
    client.force_login(staff2)
    assert client.get(f"/desk/files/{attachment.pk}/").status_code == 404


def test_internal_note_is_added_without_changing_the_state(desk, ticket):
    page(desk, ticket)
    ticket.refresh_from_db()
    status = ticket.status
    response = desk.post(f"/desk/tickets/{ticket.pk}/note/", once(note_message="Call them *first*"))
    assert response.status_code == 302
    note = ticket.messages.get(kind=Message.Kind.NOTE)
    assert note.body == "Call them *first*"
    ticket.refresh_from_db()
    assert ticket.status == status
    html = page(desk, ticket)
    assert 'data-kind="note"' in html and "Call them <em>first</em>" in html
    empty = desk.post(f"/desk/tickets/{ticket.pk}/note/", once(note_message=""))
    assert empty.status_code == 400


def test_parameters_are_saved(desk, ticket, staff, tech):
    service = ServiceFactory(client=ticket.client)
    response = desk.post(
        f"/desk/tickets/{ticket.pk}/params/",
        once(
            subject="Site down since noon",
            department=tech.pk,
            service=service.pk,
            responsible=staff.pk,
            priority=Priority.HIGH,
            client_priority=Priority.LOW,
            priority_flag="high",
            deadline_date="2030-01-02",
            deadline_time="10:30",
        ),
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.subject == "Site down since noon"
    assert ticket.service == service and ticket.responsible == staff
    assert ticket.priority == Priority.HIGH and ticket.client_priority == Priority.LOW
    assert ticket.high_priority and not ticket.low_priority
    assert ticket.deadline_manual
    assert timezone.localtime(ticket.deadline).strftime("%Y-%m-%d %H:%M") == "2030-01-02 10:30"


def test_moving_to_another_department_changes_the_provider(desk, ticket, tech):
    from tests.factories import DepartmentFactory, ProviderFactory

    elsewhere = DepartmentFactory(provider=ProviderFactory(name="CloudNine"), name="Support")
    response = desk.post(
        f"/desk/tickets/{ticket.pk}/params/",
        once(subject=ticket.subject, department=elsewhere.pk, priority=1, client_priority=1),
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.department == elsewhere and ticket.provider.name == "CloudNine"


@pytest.mark.parametrize(
    "change",
    [
        {"subject": ""},
        {"department": "abc"},
        {"department": "99999999999999999999999"},
        {"priority": "9"},
        {"deadline_date": "2030-01-02"},
        {"deadline_time": "25:00", "deadline_date": "2030-01-02"},
        {"deadline_date": "9999-12-31", "deadline_time": "10:00"},
        {"deadline_date": "1969-12-31", "deadline_time": "10:00"},
    ],
)
def test_bad_parameters_change_nothing(desk, ticket, tech, change):
    data = {"subject": "New subject", "department": tech.pk, "priority": 1, "client_priority": 1}
    response = desk.post(f"/desk/tickets/{ticket.pk}/params/", once(**{**data, **change}))
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.subject == "Website is down"


def test_another_clients_service_is_refused(desk, ticket, tech):
    foreign = ServiceFactory()
    response = desk.post(
        f"/desk/tickets/{ticket.pk}/params/",
        once(subject="x", department=tech.pk, service=foreign.pk, priority=1, client_priority=1),
    )
    assert response.status_code == 400
    ticket.refresh_from_db()
    assert ticket.service is None


def test_client_panel(desk, ticket):
    from tests.factories import add_balance

    add_balance(ticket.client, "42.50")
    ticket.client.note = "Prefers email"
    ticket.client.save()
    html = page(desk, ticket)
    assert "42.50 USD" in html
    assert "Prefers email" in html
    assert "0 incidents left" in html
    assert "0 points" in html


@pytest.mark.parametrize(
    "url",
    [
        "/desk/tickets/999999/",
        "/desk/tickets/99999999999999999999999/",
        "/desk/tickets/abc/",
        "/desk/files/99999999999999999999999/",
        "/desk/tickets/99999999999999999999999/messages/1/edit/",
    ],
)
def test_hostile_ids_are_not_found(desk, ticket, url):
    assert desk.get(url).status_code == 404


def test_writes_on_an_invisible_ticket_are_not_found(client, staff2, ticket):
    client.force_login(staff2)
    for action in ("reply", "note", "params", "take-over", "violation", "charge", "su"):
        response = client.post(f"/desk/tickets/{ticket.pk}/{action}/", once(message="x"))
        assert response.status_code == 404, action
    assert ticket.messages.count() == 1


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def edit_and_attach(ticket, staff):
    from helpdesk.messages.actions import attach_file, edit_message

    for message in ticket.messages.exclude(kind=Message.Kind.SYSTEM):
        if not message.revisions.exists():
            edit_message(message, editor=staff, body=message.body + " (edited)")
            upload = SimpleUploadedFile(f"m{message.pk}.txt", b"x")
            attach_file(message, upload)


def test_ticket_page_query_count_does_not_grow_with_messages(desk, staff, long_thread):
    ticket = long_thread(5)
    edit_and_attach(ticket, staff)
    few = count_queries(desk, f"/desk/tickets/{ticket.pk}/")
    long_thread(50)
    edit_and_attach(ticket, staff)
    html = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert html.count('data-testid="message"') == 50
    assert html.count('class="revisions"') == 50
    assert count_queries(desk, f"/desk/tickets/{ticket.pk}/") == few


def test_markdown_is_rendered_inert(desk, open_ticket):
    ticket = open_ticket(
        body="<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n"
        "<img src=x onerror=alert(1)>\n\n**bold**"
    )
    html = page(desk, ticket)
    thread = html[html.index('data-testid="thread"') : html.index('class="reply-form"')]
    assert "<script>alert" not in thread
    assert 'href="javascript:' not in thread
    assert "<img src=x" not in thread and "&lt;img src=x onerror=alert(1)&gt;" in thread
    assert "<strong>bold</strong>" in thread


def test_a_block_expires_for_colleagues(client, staff, tech, ticket, settings):
    actions.open_for_staff(ticket, user=staff)
    Ticket.objects.filter(pk=ticket.pk).update(blocked_at=timezone.now() - timedelta(hours=2))
    colleague = UserFactory(username="colleague", role=staff.role)
    tech.members.add(colleague)
    client.force_login(colleague)
    assert 'data-testid="blocked-banner"' not in open_page(client, ticket)
    ticket.refresh_from_db()
    assert ticket.blocked_by == colleague


def test_the_favorite_toggle_works_without_javascript(desk, ticket, staff):
    html = page(desk, ticket)
    assert 'id="favorite-toggle" method="post" action="/desk/favorites/add/"' in html
    assert 'hx-post="/desk/favorites/add/"' in html and 'aria-pressed="false"' in html
    response = desk.post(
        "/desk/favorites/add/", once(elid=ticket.pk, next=f"/desk/tickets/{ticket.pk}/")
    )
    assert response.status_code == 302 and response["Location"] == f"/desk/tickets/{ticket.pk}/"
    html = page(desk, ticket)
    assert 'action="/desk/favorites/remove/"' in html and 'aria-pressed="true"' in html


def test_the_header_shows_priority_and_deadline_and_times_are_24_hour(desk, ticket):
    from datetime import datetime

    deadline = datetime(2026, 12, 4, 16, 25, tzinfo=timezone.get_current_timezone())
    Ticket.objects.filter(pk=ticket.pk).update(deadline=deadline, priority=2, client_priority=0)
    html = desk.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert 'data-testid="priority-badge">high priority · client: low</span>' in html
    assert 'data-testid="deadline-badge">due 2026-12-04 16:25</span>' in html
    # The deadline's time box is typed HH:MM, never a browser picker's AM/PM.
    assert re.search(
        r'<input type="text" name="deadline_time" value="16:25"[^>]*placeholder="HH:MM"', html
    )
