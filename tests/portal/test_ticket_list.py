import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import SavedFilter, Ticket
from helpdesk.violations.actions import register_violation
from tests.factories import MessageFactory, TicketFactory
from tests.portal.util import with_token

LIST = reverse("portal:ticket_list")
ARCHIVE = reverse("portal:ticket_archive")
FILTER = reverse("portal:ticket_filter")


def rows(response) -> list[int]:
    return [ticket.pk for ticket in response.context["rows"]]


@pytest.mark.django_db
def test_the_list_shows_the_columns_a_client_reads(as_client, answered_ticket, open_ticket):
    fresh = open_ticket(subject="Mail bounces", body="Every mail to **gmail** bounces.")
    page = as_client.get(LIST).content.decode()
    assert f"#{fresh.pk}" in page and "Mail bounces" in page
    assert "Every mail to gmail bounces." in page  # the excerpt, plain words
    assert "How long the ticket has been waiting, and for whom" in page  # "Waiting" explained
    assert "for support" in page and "for your reply" in page
    assert "Test Client" in page  # the author
    assert ">New<" in page
    assert ">Awaiting your response<" in page
    assert page.count('data-testid="unread"') == 1


@pytest.mark.django_db
def test_other_clients_tickets_are_not_listed(as_client, ticket, globex, tech):
    TicketFactory(client=globex, department=tech, subject="Globex secret")
    response = as_client.get(LIST)
    assert rows(response) == [ticket.pk]
    assert "Globex secret" not in response.content.decode()


@pytest.mark.django_db
def test_sorting_is_whitelisted(as_client, open_ticket):
    first, second = open_ticket(subject="B second"), open_ticket(subject="A first")
    assert rows(as_client.get(LIST, {"sort": "subject"})) == [second.pk, first.pk]
    assert rows(as_client.get(LIST, {"sort": "-number"})) == [second.pk, first.pk]
    assert rows(as_client.get(LIST, {"sort": "number"})) == [first.pk, second.pk]
    for hostile in ("client__name", "-password", "'; drop", ""):
        assert as_client.get(LIST, {"sort": hostile}).status_code == 200


@pytest.mark.django_db
def test_pages_of_twenty(as_client, client_user, tech):
    TicketFactory.create_batch(
        25, client=client_user.client, department=tech, created_by=client_user
    )
    assert len(rows(as_client.get(LIST))) == 20
    assert len(rows(as_client.get(LIST, {"page": "2"}))) == 5
    for hostile in ("0", "-1", "abc", "99999999999999999999"):
        assert as_client.get(LIST, {"page": hostile}).status_code == 200


def queries_of(http, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert http.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_rows(as_client, client_user, tech):
    TicketFactory.create_batch(5, client=client_user.client, department=tech, unread_by_client=True)
    with_five = queries_of(as_client, LIST)
    TicketFactory.create_batch(45, client=client_user.client, department=tech)
    assert len(as_client.get(LIST).context["rows"]) == 20
    assert queries_of(as_client, LIST) == with_five
    assert queries_of(as_client, reverse("portal:archived_list")) <= with_five


@pytest.mark.django_db
def test_the_saved_filter_applies_until_reset(as_client, open_ticket, client_user):
    wanted = open_ticket(subject="Backup failed", body="The nightly backup stopped")
    other = open_ticket(subject="DNS", body="Add a record")
    response = as_client.post(FILTER, with_token({"message": "nightly"}))
    assert response.status_code == 302
    assert rows(as_client.get(LIST)) == [wanted.pk]
    assert SavedFilter.objects.get(user=client_user).params == {"message": "nightly"}
    as_client.post(FILTER, with_token({"reset": "1"}))
    assert sorted(rows(as_client.get(LIST))) == sorted([wanted.pk, other.pk])
    assert not SavedFilter.objects.filter(user=client_user).exists()


@pytest.mark.django_db
def test_filter_by_status_and_number(as_client, answered_ticket, open_ticket):
    fresh = open_ticket()
    as_client.post(FILTER, with_token({"status": "2"}))
    assert rows(as_client.get(LIST)) == [answered_ticket.pk]
    as_client.post(FILTER, with_token({"id": str(fresh.pk)}))
    assert rows(as_client.get(LIST)) == [fresh.pk]


@pytest.mark.django_db
def test_an_invalid_filter_is_shown_again_and_not_saved(as_client, ticket, client_user):
    response = as_client.post(
        FILTER, with_token({"subject": "kept text", "created_from": "not a date", "status": "9"})
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="kept text"' in page
    assert "field-error" in page
    assert not SavedFilter.objects.filter(user=client_user).exists()


@pytest.mark.django_db
def test_archive_several_closed_ones_and_refuse_the_others(
    as_client, closed_ticket, open_ticket, staff
):
    second_closed = open_ticket(subject="Also done")
    actions.close_tickets([second_closed], by=staff)
    still_open = open_ticket(subject="Still working")
    data = with_token(
        {"ticket": [closed_ticket.pk, second_closed.pk, still_open.pk, "x", "999999"]}
    )
    response = as_client.post(ARCHIVE, data, follow=True)
    page = response.content.decode()
    assert Ticket.objects.get(pk=closed_ticket.pk).status == Ticket.Status.ARCHIVED
    assert Ticket.objects.get(pk=second_closed.pk).status == Ticket.Status.ARCHIVED
    still_open.refresh_from_db()
    assert still_open.status == Ticket.Status.NEW
    assert not still_open.messages.filter(kind=Message.Kind.SYSTEM).exists()
    assert f"#{still_open.pk} is not closed yet" in page
    assert "#999999 was not found" in page
    assert rows(response) == [still_open.pk]


@pytest.mark.django_db
def test_archive_with_nothing_selected_says_so(as_client, ticket):
    page = as_client.post(ARCHIVE, with_token(), follow=True).content.decode()
    assert "Select the closed tickets to archive." in page


@pytest.mark.django_db
def test_the_archived_list(as_client, closed_ticket, ticket, client_user):
    as_client.post(ARCHIVE, with_token({"ticket": closed_ticket.pk}))
    archived = as_client.get(reverse("portal:archived_list"))
    assert rows(archived) == [closed_ticket.pk]
    assert ">Archived<" in archived.content.decode()
    assert rows(as_client.get(LIST)) == [ticket.pk]


@pytest.mark.django_db
def test_a_message_excerpt_is_escaped(as_client, ticket, client_user):
    MessageFactory(ticket=ticket, author=client_user, body="<script>alert(1)</script>")
    actions.post_client_message(ticket, author=client_user, body="<script>alert(1)</script>")
    page = as_client.get(LIST).content.decode()
    assert "<script>alert(1)</script>" not in page


@pytest.mark.django_db
def test_the_filter_form_starts_at_any_status(as_client, answered_ticket, open_ticket):
    fresh = open_ticket(subject="Backup question")
    page = as_client.get(LIST).content.decode()
    assert '<option value="" selected>Any status</option>' in page
    assert 'type="date"' in page
    as_client.post(FILTER, with_token({"subject": "question", "status": "", "abuse": ""}))
    assert rows(as_client.get(LIST)) == [fresh.pk]


@pytest.mark.django_db
def test_filter_by_violation(as_client, ticket, open_ticket, staff):
    open_ticket(subject="Innocent")
    register_violation(ticket, by=staff, score=1, note="spam")
    as_client.post(FILTER, with_token({"abuse": "true"}))
    assert rows(as_client.get(LIST)) == [ticket.pk]


@pytest.mark.django_db
def test_pages_go_forward_and_back_without_counting(as_client, client_user, tech):
    TicketFactory.create_batch(45, client=client_user.client, department=tech)
    first = as_client.get(LIST).content.decode()
    assert 'rel="next"' in first and 'rel="prev"' not in first and "Page 1" in first
    last = as_client.get(LIST, {"page": "3"})
    assert len(last.context["rows"]) == 5
    assert 'rel="next"' not in last.content.decode() and 'rel="prev"' in last.content.decode()
    for junk in ("abc", "-1", "١", "9" * 40):
        assert as_client.get(LIST, {"page": junk}).context["page"].number in (1, 1_000_000)


@pytest.mark.django_db
def test_the_last_message_preview_shows_words_not_markdown(as_client, open_ticket):
    body = "Options:\n\n| plan | RAM |\n|---|---|\n| VPS M | 8 GB |\n\nRun `dig` [docs](https://x.example)"
    open_ticket(subject="Upgrade", body=body)
    page = as_client.get(LIST).content.decode()
    assert "Options: plan RAM VPS M 8 GB Run dig docs" in page
    assert "|---|" not in page and "`dig`" not in page and "](https" not in page
