from datetime import timedelta

import pytest
from django.utils import timezone

from helpdesk.errors import ActionError, StaleReply
from helpdesk.messages.models import Message
from helpdesk.tickets import actions
from helpdesk.tickets.models import Ticket
from tests.factories import ServiceFactory

Status = Ticket.Status


def reload(ticket):
    return Ticket.objects.get(pk=ticket.pk)


@pytest.mark.django_db
class TestOpenTicket:
    def test_new_ticket_is_in_the_queue_unread_and_waiting(self, ticket):
        assert ticket.status == Status.NEW
        assert ticket.in_queue and ticket.unread_by_staff
        assert ticket.waiting_since is not None
        assert ticket.deadline > ticket.waiting_since
        message = ticket.messages.get()
        assert message.kind == Message.Kind.INCOMING
        assert "<strong>502</strong>" in message.html
        assert ticket.last_message_excerpt == "My site returns 502."

    def test_blank_subject_or_body_is_refused_and_creates_nothing(self, open_ticket):
        with pytest.raises(ActionError) as error:
            open_ticket(subject="   ")
        assert error.value.field == "name"
        with pytest.raises(ActionError):
            open_ticket(body="\x00 ")
        assert Ticket.objects.count() == 0

    def test_a_service_of_another_client_is_refused(self, open_ticket, globex):
        foreign = ServiceFactory(client=globex)
        with pytest.raises(ActionError) as error:
            open_ticket(service=foreign)
        assert error.value.field == "ticket_item"
        assert Ticket.objects.count() == 0

    def test_bad_client_priority_is_refused(self, open_ticket):
        with pytest.raises(ActionError):
            open_ticket(client_priority="9")


@pytest.mark.django_db
class TestConversation:
    def test_staff_reply_waits_for_the_client(self, ticket, staff):
        actions.post_staff_reply(ticket, author=staff, body="Restarted **nginx**.")
        ticket = reload(ticket)
        assert ticket.status == Status.AWAITING_RESPONSE
        assert ticket.in_queue
        assert ticket.waiting_since is None and ticket.unread_by_client

    def test_send_and_close_takes_it_out_of_the_queue(self, ticket, staff):
        actions.post_staff_reply(ticket, author=staff, body="Done.", close=True)
        ticket = reload(ticket)
        assert ticket.status == Status.CLOSED and not ticket.in_queue

    def test_client_message_to_a_closed_ticket_reopens_it(self, ticket, staff, client_user):
        actions.close_tickets([ticket], by=staff)
        actions.post_client_message(ticket, author=client_user, body="Still broken")
        ticket = reload(ticket)
        assert ticket.status == Status.UNDER_REVIEW and ticket.in_queue
        assert ticket.messages.filter(kind=Message.Kind.SYSTEM).exists()

    def test_client_message_to_an_archived_ticket_says_it_left_the_archive(
        self, ticket, staff, client_user
    ):
        actions.close_tickets([ticket], by=staff)
        actions.archive_tickets([ticket], by=client_user)
        actions.post_client_message(ticket, author=client_user, body="Again")
        ticket = reload(ticket)
        assert ticket.status == Status.UNDER_REVIEW
        texts = list(ticket.messages.filter(kind="system").values_list("body", flat=True))
        assert "Ticket was removed from Archive" in texts

    def test_reply_after_an_unseen_message_is_not_sent(self, ticket, staff, client_user):
        seen = ticket.messages.get().pk
        actions.post_client_message(ticket, author=client_user, body="One more thing")
        with pytest.raises(StaleReply) as error:
            actions.post_staff_reply(ticket, author=staff, body="Answer", seen_message_id=seen)
        assert [m.body for m in error.value.new_messages] == ["One more thing"]
        assert not ticket.messages.filter(kind=Message.Kind.OUTCOMING).exists()

    def test_note_changes_nothing_the_client_sees(self, ticket, staff):
        before = reload(ticket)
        actions.add_note(ticket, author=staff, body="Client is on the old plan")
        after = reload(ticket)
        assert after.status == before.status
        assert after.last_message_excerpt == before.last_message_excerpt


@pytest.mark.django_db
class TestCloseAndArchive:
    def test_closing_keeps_every_row(self, ticket, staff):
        closed = actions.close_tickets([ticket], by=staff)
        assert [t.pk for t in closed] == [ticket.pk]
        assert Ticket.objects.filter(pk=ticket.pk, status=Status.CLOSED).exists()
        assert ticket.messages.count() == 1

    def test_archiving_an_open_ticket_refuses_the_whole_batch(
        self, open_ticket, staff, client_user
    ):
        done, still_open = open_ticket(), open_ticket()
        actions.close_tickets([done], by=staff)
        with pytest.raises(ActionError):
            actions.archive_tickets([done, still_open], by=client_user)
        assert reload(done).status == Status.CLOSED

    def test_auto_archive_takes_only_tickets_closed_long_ago(self, open_ticket, staff, settings):
        old, recent = open_ticket(), open_ticket()
        actions.close_tickets([old, recent], by=staff)
        Ticket.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=40))
        assert actions.auto_archive() == 1
        assert reload(old).status == Status.ARCHIVED
        assert reload(recent).status == Status.CLOSED


@pytest.mark.django_db
class TestSplit:
    def build_thread(self, ticket, staff, client_user):
        actions.post_staff_reply(ticket, author=staff, body="Which domain?")
        actions.post_client_message(ticket, author=client_user, body="Another problem: mail")
        actions.post_staff_reply(ticket, author=staff, body="Looking at mail")
        return list(ticket.messages.order_by("created_at", "id"))

    def test_split_moves_the_message_and_later_ones(self, ticket, staff, client_user):
        thread = self.build_thread(ticket, staff, client_user)
        new = actions.split_ticket(ticket, message=thread[2], by=staff)
        old_bodies = list(ticket.messages.exclude(kind="system").values_list("body", flat=True))
        new_bodies = list(new.messages.exclude(kind="system").values_list("body", flat=True))
        assert old_bodies == [thread[0].body, thread[1].body]
        assert new_bodies == [thread[2].body, thread[3].body]
        assert (new.client, new.department, new.service) == (
            ticket.client, ticket.department, ticket.service,
        )  # fmt: skip

    def test_each_ticket_names_the_other_in_double_quotes(self, ticket, staff, client_user):
        thread = self.build_thread(ticket, staff, client_user)
        new = actions.split_ticket(ticket, message=thread[2], by=staff)
        assert ticket.messages.filter(kind="system", body__contains=f'"{new.pk}"').exists()
        assert new.messages.filter(kind="system", body__contains=f'"{ticket.pk}"').exists()

    def test_no_message_is_lost_or_duplicated(self, ticket, staff, client_user):
        thread = self.build_thread(ticket, staff, client_user)
        before = Message.objects.exclude(kind="system").count()
        actions.split_ticket(ticket, message=thread[1], by=staff)
        assert Message.objects.exclude(kind="system").count() == before

    def test_splitting_at_the_first_message_is_refused(self, ticket, staff):
        with pytest.raises(ActionError):
            actions.split_ticket(ticket, message=ticket.messages.get(), by=staff)
        assert Ticket.objects.count() == 1

    def test_a_message_of_another_ticket_is_refused(self, open_ticket, staff):
        first, second = open_ticket(), open_ticket()
        with pytest.raises(ActionError):
            actions.split_ticket(first, message=second.messages.get(), by=staff)

    def test_the_split_off_client_question_waits_in_the_queue(self, ticket, staff, client_user):
        actions.post_staff_reply(ticket, author=staff, body="Fixed")
        question = actions.post_client_message(ticket, author=client_user, body="New question")
        new = actions.split_ticket(ticket, message=question, by=staff)
        assert new.in_queue and new.waiting_since == question.created_at
        assert reload(ticket).status == Status.AWAITING_RESPONSE


@pytest.mark.django_db
class TestBlocking:
    def test_opening_blocks_for_the_opener_and_clears_unread(self, ticket, staff):
        opened = actions.open_for_staff(ticket, user=staff)
        assert opened.blocked_by == staff and not opened.unread_by_staff
        assert opened.status == Status.UNDER_REVIEW

    def test_someone_elses_live_block_is_kept_unless_taken_over(self, ticket, staff, root):
        actions.open_for_staff(ticket, user=staff)
        assert actions.open_for_staff(ticket, user=root).blocked_by == staff
        assert actions.open_for_staff(ticket, user=root, take_over=True).blocked_by == root

    def test_an_expired_block_is_free(self, ticket, staff, root, settings):
        actions.open_for_staff(ticket, user=staff)
        Ticket.objects.filter(pk=ticket.pk).update(
            blocked_at=timezone.now() - timedelta(minutes=settings.HELPDESK["BLOCK_MINUTES"] + 1)
        )
        assert actions.open_for_staff(ticket, user=root).blocked_by == root

    def test_the_holders_reply_releases_the_block(self, ticket, staff):
        actions.open_for_staff(ticket, user=staff)
        actions.post_staff_reply(ticket, author=staff, body="Hi")
        assert reload(ticket).blocked_by is None


@pytest.mark.django_db
class TestParameters:
    def test_raising_priority_moves_the_ticket_up_the_queue(self, open_ticket, staff):
        first, second = open_ticket(), open_ticket()
        actions.update_ticket(second, by=staff, high_priority=True)
        ordered = list(Ticket.objects.in_queue().by_queue_weight().values_list("pk", flat=True))
        assert ordered == [second.pk, first.pk]

    def test_raise_and_lower_together_is_refused(self, ticket, staff):
        with pytest.raises(ActionError):
            actions.update_ticket(ticket, by=staff, high_priority=True, low_priority=True)

    def test_manual_deadline_is_kept_and_clearing_restores_the_regulation(self, ticket, staff):
        manual = timezone.now() + timedelta(days=3)
        actions.update_ticket(ticket, by=staff, deadline=manual)
        assert reload(ticket).deadline == manual
        actions.update_ticket(ticket, by=staff, deadline=None)
        assert reload(ticket).deadline != manual and not reload(ticket).deadline_manual

    def test_responsible_must_belong_to_the_department(self, ticket, staff, staff2):
        actions.update_ticket(ticket, by=staff, responsible=staff)
        assert reload(ticket).responsible == staff
        with pytest.raises(ActionError):
            actions.update_ticket(ticket, by=staff, responsible=staff2)

    def test_moving_department_moves_provider_and_drops_foreign_responsible(
        self, ticket, staff, sales
    ):
        actions.update_ticket(ticket, by=staff, responsible=staff)
        actions.update_ticket(ticket, by=staff, department=sales)
        ticket = reload(ticket)
        assert ticket.department == sales and ticket.responsible is None


@pytest.mark.django_db
class TestQueueOrder:
    def test_answered_tickets_sort_below_waiting_ones(self, open_ticket, staff):
        answered, waiting = open_ticket(), open_ticket()
        Ticket.objects.filter(pk=answered.pk).update(created_at=timezone.now() - timedelta(days=9))
        actions.post_staff_reply(answered, author=staff, body="Done")
        ordered = list(Ticket.objects.in_queue().by_queue_weight().values_list("pk", flat=True))
        assert ordered == [waiting.pk, answered.pk]

    def test_the_weight_grows_with_the_wait(self, ticket):
        from helpdesk.tickets import regulation

        now = timezone.now()
        later = now + timedelta(minutes=90)
        ticket = reload(ticket)
        assert regulation.queue_weight(ticket, later) - regulation.queue_weight(ticket, now) == 90

    def test_an_answered_ticket_shows_its_static_weight(self, ticket, staff):
        from helpdesk.tickets import regulation

        actions.post_staff_reply(ticket, author=staff, body="Done")
        ticket = reload(ticket)
        assert regulation.queue_weight(ticket) == regulation.static_weight(ticket)


@pytest.mark.django_db
def test_a_damaged_seen_message_id_is_a_clear_error(ticket, staff):
    with pytest.raises(ActionError):
        actions.post_staff_reply(ticket, author=staff, body="Hi", seen_message_id="abc")
    assert not ticket.messages.filter(kind=Message.Kind.OUTCOMING).exists()


@pytest.mark.django_db
class TestStaffWritesToClosedTickets:
    def test_a_reply_to_an_archived_ticket_brings_it_back(self, ticket, staff, client_user):
        actions.close_tickets([ticket], by=staff)
        actions.archive_tickets([ticket], by=client_user)
        actions.post_staff_reply(ticket, author=staff, body="One more detail")
        ticket = reload(ticket)
        assert (ticket.status, ticket.in_queue) == (Status.AWAITING_RESPONSE, True)
        assert ticket.archived_at is None and ticket.closed_at is None
        assert ticket.messages.filter(body="Ticket was removed from Archive").exists()

    def test_send_and_close_on_a_closed_ticket_keeps_it_closed(self, ticket, staff):
        actions.close_tickets([ticket], by=staff)
        actions.post_staff_reply(ticket, author=staff, body="For the record", close=True)
        ticket = reload(ticket)
        assert (ticket.status, ticket.in_queue) == (Status.CLOSED, False)


@pytest.mark.django_db
class TestHiddenMessagesAndTheClientsSummary:
    def test_hiding_the_last_reply_takes_it_out_of_the_clients_list(self, ticket, staff):
        from helpdesk.messages.actions import set_hidden

        reply = actions.post_staff_reply(ticket, author=staff, body="reply to hide")
        set_hidden([reply], by=staff, hidden=True)
        ticket = reload(ticket)
        assert ticket.last_message_excerpt == "My site returns 502."
        assert not ticket.unread_by_client
        set_hidden([reply], by=staff, hidden=False)
        assert reload(ticket).last_message_excerpt == "reply to hide"

    def test_editing_the_last_message_updates_the_excerpt(self, ticket, staff):
        from helpdesk.messages.actions import edit_message

        edit_message(ticket.messages.get(), editor=staff, body="Corrected text")
        assert reload(ticket).last_message_excerpt == "Corrected text"

    def test_split_keeps_the_original_clients_unread_mark_honest(self, ticket, staff, client_user):
        actions.post_staff_reply(ticket, author=staff, body="First answer")
        question = actions.post_client_message(ticket, author=client_user, body="New topic")
        actions.post_staff_reply(ticket, author=staff, body="Answer to the new topic")
        actions.split_ticket(ticket, message=question, by=staff)
        original = reload(ticket)
        assert original.last_message_excerpt == "First answer"
        assert original.status == Status.AWAITING_RESPONSE


@pytest.mark.django_db
def test_a_service_of_another_provider_is_refused_by_every_caller(open_ticket, acme, staff, ticket):
    from tests.factories import ProviderFactory

    elsewhere = ServiceFactory(client=acme, provider=ProviderFactory(name="CloudNine"))
    with pytest.raises(ActionError):
        open_ticket(service=elsewhere)
    with pytest.raises(ActionError):
        actions.update_ticket(ticket, by=staff, service=elsewhere)
    assert reload(ticket).service is None


@pytest.mark.django_db
@pytest.mark.parametrize("workdays", ["8", "0", "", "9x"])
def test_impossible_working_days_still_give_a_deadline(open_ticket, tech, workdays):
    tech.workdays = workdays
    tech.save()
    ticket = open_ticket()
    assert ticket.deadline > ticket.created_at


@pytest.mark.django_db
def test_system_messages_are_written_in_the_installations_language(ticket, staff, client_user):
    from django.utils import translation

    actions.close_tickets([ticket], by=staff)
    with translation.override("es"):
        assert translation.gettext("Ticket was moved to Archive") != "Ticket was moved to Archive"
        actions.archive_tickets([ticket], by=client_user)
    assert ticket.messages.filter(kind="system", body="Ticket was moved to Archive").exists()
