"""The ticket page (`ticket.edit`) and what is sent from it: reply, internal note,
parameters, take over the block, attachments (`ticket.file`)."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk import clock
from helpdesk.errors import ActionError, StaleReply, add_action_error
from helpdesk.messages.downloads import download
from helpdesk.tickets import actions, policies, preferences
from helpdesk.tickets.filters import apply_staff_filters
from helpdesk.tickets.forms import NoteForm, SeenMessageForm, StaffReplyForm, TicketParamsForm
from helpdesk.tickets.preferences import AfterSend
from helpdesk.tickets.views.desk.page import TICKET_COLUMNS, render_ticket_page


def workable_ticket(request, ticket_id):
    """The ticket with what its page shows joined (a refused form renders the page, from a
    fresh read: a refused action may have half-changed the copy it was handed)."""
    return policies.access_ticket(request.user, ticket_id, to="work", columns=TICKET_COLUMNS)


def locked_ticket(request, ticket_id):
    """The ticket locked for the caller's open transaction, handed to the action as it is."""
    return policies.access_ticket(request.user, ticket_id, to="work", lock=True)


@require_GET
@role_required(Role.ADMIN)
def ticket_edit(request, ticket_id):
    """The ticket page. Showing it changes nothing: any page can make a browser GET it (an
    image in a message), so what opening means is posted by the page once shown."""
    ticket = workable_ticket(request, ticket_id)
    return render_ticket_page(request, ticket)


@require_POST
@role_required(Role.ADMIN)
def ticket_open(request, ticket_id):
    """The ticket page was shown: it is blocked for you (unless a colleague holds it),
    unread clears and a new ticket is under review."""
    with transaction.atomic():
        actions.open_for_staff(locked_ticket(request, ticket_id), user=request.user)
    return HttpResponse(status=204)


@require_POST
@role_required(Role.ADMIN)
@submit_once
def ticket_take_over(request, ticket_id):
    with transaction.atomic():
        ticket = locked_ticket(request, ticket_id)
        actions.open_for_staff(ticket, user=request.user, take_over=True)
    messages.success(request, _("You hold ticket #%(id)s now.") % {"id": ticket.pk})
    return redirect("desk:ticket_edit", ticket.pk)


@require_POST
@role_required(Role.ADMIN)
@submit_once
def ticket_release(request, ticket_id):
    """The holder lets colleagues have the ticket now rather than when the block expires,
    and leaves it for the queue (showing the ticket again would take the block again)."""
    ticket = workable_ticket(request, ticket_id)
    if actions.release_own_block(ticket, by=request.user):
        messages.success(request, _("You released ticket #%(id)s.") % {"id": ticket.pk})
    else:
        messages.info(request, _("You did not hold ticket #%(id)s.") % {"id": ticket.pk})
    return redirect("desk:queue")


@require_POST
@role_required(Role.ADMIN)
@submit_once
def ticket_reply(request, ticket_id):
    """Answer the client. "Send" keeps the ticket in the queue, "Send and close" closes it;
    either then leads where the agent chose (remembered).
    A reply written while a new message arrived is not sent: the page shows the new message
    and keeps the text."""
    form = StaffReplyForm(request.POST, request.FILES)
    seen = SeenMessageForm(request.POST)
    if not seen.is_valid():
        form.add_error(None, _("The form was damaged; check the new messages and send again."))
    if not (form.is_valid() and seen.is_valid()):
        return refused(request, ticket_id, reply_form=form)
    close = request.POST.get("close") == "1"
    try:
        with transaction.atomic():
            ticket = locked_ticket(request, ticket_id)
            actions.post_staff_reply(
                ticket, author=request.user, body=form.cleaned_data["message"],
                files=form.cleaned_data["files"], close=close,
                seen_message_id=seen.cleaned_data["seen_message_id"],
            )  # fmt: skip
    except StaleReply as stale:
        messages.warning(request, stale.message)
        new_ids = [message.pk for message in stale.new_messages]
        return refused(request, ticket_id, reply_form=form, highlight=new_ids, status=409)
    except ActionError as error:
        add_action_error(form, error, form.aliases)
        return refused(request, ticket_id, reply_form=form)
    after = preferences.remember_after_send(request.user, request.POST.get("after_send"))
    return reply_sent(request, ticket, closed=close, after=after)


def refused(request, ticket_id, *, status=400, **page):
    """The ticket page again, with the refused form and what was typed in it."""
    return render_ticket_page(request, workable_ticket(request, ticket_id), status=status, **page)


def reply_sent(request, ticket, *, closed, after):
    """Back to the queue, or on to the next ticket in it: the agent's remembered choice."""
    if closed:
        messages.success(request, _("Reply sent; ticket #%(id)s is closed.") % {"id": ticket.pk})
    else:
        messages.success(request, _("Reply sent to ticket #%(id)s.") % {"id": ticket.pk})
    following = next_in_queue(request.user, ticket) if after == AfterSend.NEXT else None
    if following is None:
        return redirect("desk:queue")
    return redirect("desk:ticket_edit", following)


def next_in_queue(user, ticket) -> int | None:
    """The heaviest ticket of the user's queue as they filtered it, other than this one and
    not held by a colleague."""
    held_since = clock.now() - timedelta(minutes=settings.HELPDESK["BLOCK_MINUTES"])
    free = Q(blocked_by__isnull=True) | Q(blocked_by=user) | Q(blocked_at__lte=held_since)
    _filterset, queue = apply_staff_filters(policies.visible_tickets(user).in_queue(), user)
    following = queue.exclude(pk=ticket.pk).filter(free).by_queue_weight()
    return following.values_list("pk", flat=True).first()


@require_POST
@role_required(Role.ADMIN)
@submit_once
def ticket_note(request, ticket_id):
    """An internal note: staff see it, the client never does; the ticket's state stays."""
    form = NoteForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                ticket = locked_ticket(request, ticket_id)
                actions.add_note(
                    ticket, author=request.user, body=form.cleaned_data["note_message"],
                    files=form.cleaned_data["note_files"],
                )  # fmt: skip
        except ActionError as error:
            add_action_error(form, error, form.aliases)
        else:
            messages.success(request, _("Note added."))
            return redirect("desk:ticket_edit", ticket.pk)
    return refused(request, ticket_id, note_form=form)


@require_POST
@role_required(Role.ADMIN)
@submit_once
def ticket_params(request, ticket_id):
    """Save the parameters panel: subject, department, service, priorities, deadline…"""
    ticket = workable_ticket(request, ticket_id)
    form = TicketParamsForm(request.POST, ticket=ticket, user=request.user)
    if form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, _("Nothing was changed."))
            return redirect("desk:ticket_edit", ticket.pk)
        try:
            actions.update_ticket(ticket, by=request.user, **changes)
        except ActionError as error:
            add_action_error(form, error, form.aliases)
        else:
            messages.success(request, _("Ticket parameters saved."))
            return redirect("desk:ticket_edit", ticket.pk)
    return render_ticket_page(request, ticket, params_form=form, status=400)


@require_GET
@role_required(Role.ADMIN)
def ticket_file(request, attachment_id):
    """Download an attachment (`ticket.file`) the staff member may see."""
    return download(request.user, attachment_id)
