import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk.incidents.actions import charge_ticket
from helpdesk.messages import actions as message_actions
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.factories import MessageFactory
from tests.portal.util import with_token


def detail(ticket):
    return reverse("portal:ticket_detail", args=[ticket.pk])


def reply_url(ticket):
    return reverse("portal:ticket_reply", args=[ticket.pk])


def rate_url(message):
    return reverse("portal:message_rate", args=[message.ticket_id, message.pk])


@pytest.mark.django_db
def test_the_conversation_hides_notes_and_hidden_messages(as_client, answered_ticket, staff):
    actions.add_note(answered_ticket, author=staff, body="Internal: client is difficult")
    hidden = actions.post_staff_reply(answered_ticket, author=staff, body="Oops, wrong ticket")
    message_actions.set_hidden([hidden], by=staff, hidden=True)
    page = as_client.get(detail(answered_ticket)).content.decode()
    assert "My site returns <strong>502</strong>" in page
    assert "Restarted <strong>nginx</strong>" in page
    assert "client is difficult" not in page
    assert "wrong ticket" not in page
    # The hidden reply leaves a trace in its place; the note leaves none.
    assert page.count('data-testid="removed-message"') == 1
    assert "A message was removed by support." in page
    assert page.index("Restarted <strong>nginx</strong>") < page.index("removed by support")


@pytest.mark.django_db
def test_system_messages_and_charges_are_shown_as_such(as_client, closed_ticket, staff):
    charge_ticket(closed_ticket, amount="15.50", by=staff, comment="Server migration")
    actions.archive_tickets([closed_ticket], by=staff)
    page = as_client.get(detail(closed_ticket)).content.decode()
    assert 'data-testid="charges"' in page
    assert "15.50" in page and "Server migration" in page
    assert page.index('data-testid="charges"') < page.index('class="thread"')
    assert 'data-testid="system-message"' in page
    assert "Ticket was moved to Archive" in page


@pytest.mark.django_db
def test_showing_the_page_changes_nothing_and_its_open_post_clears_unread(
    as_client, answered_ticket
):
    assert answered_ticket.unread_by_client
    page = as_client.get(detail(answered_ticket)).content.decode()
    answered_ticket.refresh_from_db()
    assert answered_ticket.unread_by_client, "a GET (an image in a message) changes nothing"
    open_url = f"/tickets/{answered_ticket.pk}/open/"
    assert f'action="{open_url}" data-post-on-load' in page
    assert as_client.post(open_url).status_code == 204
    answered_ticket.refresh_from_db()
    assert not answered_ticket.unread_by_client


@pytest.mark.django_db
def test_without_javascript_a_reply_clears_the_unread_mark(as_client, answered_ticket):
    response = as_client.post(
        f"/tickets/{answered_ticket.pk}/reply/", with_token({"message": "Thanks, it works"})
    )
    assert response.status_code == 302
    answered_ticket.refresh_from_db()
    assert not answered_ticket.unread_by_client


@pytest.mark.django_db
def test_client_replies_with_a_file(as_client, answered_ticket, client_user):
    upload = SimpleUploadedFile("trace.txt", b"traceroute")
    data = with_token({"message": "Still **down**", "files": [upload]})
    response = as_client.post(reply_url(answered_ticket), data, follow=True)
    answered_ticket.refresh_from_db()
    last = answered_ticket.messages.order_by("-id").first()
    assert (last.kind, last.author, last.body) == ("incoming", client_user, "Still **down**")
    assert last.attachments.get().name == "trace.txt"
    assert answered_ticket.status == Ticket.Status.UNDER_REVIEW
    assert "Your message was sent." in response.content.decode()


@pytest.mark.django_db
def test_an_empty_reply_keeps_nothing_and_says_so(as_client, ticket):
    before = ticket.messages.count()
    response = as_client.post(reply_url(ticket), with_token({"message": "   "}))
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert ticket.messages.count() == before


@pytest.mark.django_db
def test_a_double_submitted_reply_is_posted_once(as_client, ticket):
    data = with_token({"message": "Once please"})
    as_client.post(reply_url(ticket), data)
    as_client.post(reply_url(ticket), data)
    assert ticket.messages.filter(body="Once please").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("archived", [False, True])
def test_replying_to_a_closed_ticket_says_it_reopens_and_does(
    as_client, closed_ticket, staff, archived
):
    if archived:
        actions.archive_tickets([closed_ticket], by=staff)
    page = as_client.get(detail(closed_ticket)).content.decode()
    assert 'data-testid="reopen-note"' in page
    data = with_token({"message": "Back"})
    response = as_client.post(reply_url(closed_ticket), data, follow=True)
    closed_ticket.refresh_from_db()
    assert closed_ticket.status == Ticket.Status.UNDER_REVIEW
    assert closed_ticket.in_queue
    assert "the ticket was reopened" in response.content.decode()


@pytest.mark.django_db
def test_rating_a_staff_reply(as_client, answered_ticket):
    reply = answered_ticket.messages.get(kind=Message.Kind.OUTCOMING)
    page = as_client.get(detail(answered_ticket)).content.decode()
    assert rate_url(reply) in page
    as_client.post(rate_url(reply), with_token({"rating": "good"}))
    reply.refresh_from_db()
    assert reply.rating == "good"
    as_client.post(rate_url(reply), with_token({"rating": "bad"}))
    reply.refresh_from_db()
    assert reply.rating == "bad"


@pytest.mark.django_db
@pytest.mark.parametrize("rating", ["excellent", "", "good'--"])
def test_a_bad_rating_changes_nothing(as_client, answered_ticket, rating):
    reply = answered_ticket.messages.get(kind=Message.Kind.OUTCOMING)
    response = as_client.post(rate_url(reply), with_token({"rating": rating}), follow=True)
    reply.refresh_from_db()
    assert reply.rating == ""
    assert "Rate a reply from support as good or bad." in response.content.decode()


@pytest.mark.django_db
def test_own_messages_cannot_be_rated(as_client, ticket):
    own = ticket.messages.get()
    as_client.post(rate_url(own), with_token({"rating": "good"}))
    own.refresh_from_db()
    assert own.rating == ""


@pytest.mark.django_db
def test_attachments_download_only_through_the_portal_view(as_client, open_ticket, staff):
    ticket = open_ticket(files=[SimpleUploadedFile("report.pdf", b"%PDF-1.4 data")])
    attachment = ticket.messages.get().attachments.get()
    note = actions.add_note(
        ticket, author=staff, body="n", files=[SimpleUploadedFile("secret.txt", b"s")]
    )
    response = as_client.get(reverse("portal:ticket_file", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 data"
    hidden_file = note.attachments.get()
    url = reverse("portal:ticket_file", args=[hidden_file.pk])
    assert as_client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_ticket_page_costs_the_same_queries_with_5_or_50_messages(
    as_client, ticket, staff, client_user
):
    def add_messages(count):
        for number in range(count):
            kind = Message.Kind.OUTCOMING if number % 2 else Message.Kind.INCOMING
            author = staff if number % 2 else client_user
            MessageFactory(ticket=ticket, kind=kind, author=author)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert as_client.get(detail(ticket)).status_code == 200
        return len(context.captured_queries)

    add_messages(4)
    with_five = queries()
    add_messages(45)
    assert queries() == with_five


@pytest.mark.django_db
@pytest.mark.parametrize("ticket_id", ["0", "99999999999999999999"])
def test_unknown_tickets_are_404(as_client, ticket_id):
    assert as_client.get(f"/tickets/{ticket_id}/").status_code == 404


@pytest.mark.django_db
def test_a_split_links_the_other_ticket_for_the_client(as_client, answered_ticket, staff):
    from helpdesk.tickets.actions import split_ticket

    last = answered_ticket.messages.order_by("id").last()
    new_ticket = split_ticket(answered_ticket, message=last, by=staff)
    page = as_client.get(detail(answered_ticket)).content.decode()
    assert f'&quot;<a href="/tickets/{new_ticket.pk}/">{new_ticket.pk}</a>&quot;' in page


@pytest.mark.django_db
def test_the_client_marks_the_ticket_solved_and_reopens_it_by_writing(as_client, ticket):
    solved = reverse("portal:ticket_solved", args=[ticket.pk])
    assert "My problem is solved" in as_client.get(detail(ticket)).content.decode()
    page = as_client.post(solved, with_token(), follow=True).content.decode()
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.CLOSED and not ticket.in_queue
    assert "The client marked the ticket as solved" in page
    assert "My problem is solved" not in page  # nothing left to solve
    as_client.post(reply_url(ticket), with_token({"message": "It broke again."}))
    ticket.refresh_from_db()
    assert ticket.in_queue and ticket.status != Ticket.Status.CLOSED


@pytest.mark.django_db
def test_another_clients_ticket_cannot_be_marked_solved(client, client2_user, ticket):
    client.force_login(client2_user)
    response = client.post(reverse("portal:ticket_solved", args=[ticket.pk]), with_token())
    assert response.status_code == 404
    ticket.refresh_from_db()
    assert ticket.in_queue
