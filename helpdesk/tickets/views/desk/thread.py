"""Actions on one message of a ticket: edit (`ticket.message.edit`, keeps a revision), hide
from the client and show again (`ticket.message.delete`), split the ticket from it
(`ticket.split`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError, add_action_error
from helpdesk.messages import actions as message_actions
from helpdesk.messages import policies as message_policies
from helpdesk.tickets import actions, policies
from helpdesk.tickets.forms import MessageEditForm, SplitForm
from helpdesk.tickets.views.desk.common import require_possible_id


def get_message(request, ticket_id, message_id):
    ticket = policies.access_ticket(request.user, ticket_id, to="work")
    require_possible_id(message_id)
    message = get_object_or_404(
        message_policies.visible_messages(request.user, ticket).select_related("author"),
        pk=message_id,
    )
    message.ticket = ticket
    return ticket, message


def message_url(ticket, message) -> str:
    return f"{reverse('desk:ticket_edit', args=[ticket.pk])}#m{message.pk}"


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def ticket_message_edit(request, ticket_id, message_id):
    """Correct a message's text; the old text is kept in its revision history."""
    ticket, message = get_message(request, ticket_id, message_id)
    if not message_policies.can_edit(request.user, message):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = MessageEditForm(data, initial={"message": message.body})
    if request.method == "POST" and form.is_valid():
        try:
            message_actions.edit_message(
                message, editor=request.user, body=form.cleaned_data["message"]
            )
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Message edited; the previous text is kept."))
            return redirect(message_url(ticket, message))
    context = {"ticket": ticket, "message": message, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "desk/tickets/ticket_message_edit.html", context, status=status)


@require_POST
@role_required(Role.ADMIN)
@submit_once
def ticket_message_hide(request, ticket_id, message_id):
    """Hide a message from the client (`hidden=1`) or show it again (`hidden=0`)."""
    ticket, message = get_message(request, ticket_id, message_id)
    if not message_policies.can_hide(request.user, message):
        raise PermissionDenied
    hide = request.POST.get("hidden") != "0"
    message_actions.set_hidden([message], by=request.user, hidden=hide)
    text = (
        _("The message is hidden from the client.")
        if hide
        else _("The client sees the message again.")
    )
    messages.success(request, text)
    return redirect(message_url(ticket, message))


def messages_from(ticket, message) -> int:
    """How many messages a split at `message` moves: it and every later one."""
    return ticket.messages.from_message(message).count()


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def ticket_split(request, ticket_id, message_id):
    """Confirm, then move this message and every later one to a new ticket."""
    ticket, message = get_message(request, ticket_id, message_id)
    if not policies.can_split(request.user, ticket):
        raise PermissionDenied
    error = None
    form = SplitForm(request.POST or None, user=request.user, ticket=ticket)
    if request.method == "POST" and form.is_valid():
        try:
            new_ticket = actions.split_ticket(
                ticket, message=message, by=request.user, **form.cleaned_data
            )
        except ActionError as refused:
            error = refused.message
        else:
            messages.success(request, split_done_text(ticket, new_ticket))
            return redirect("desk:ticket_edit", new_ticket.pk)
    context = {
        "ticket": ticket,
        "message": message,
        "moving": messages_from(ticket, message),
        "error": error,
        "form": form,
    }
    refused = error or form.errors
    return render(
        request, "desk/tickets/ticket_split.html", context, status=400 if refused else 200
    )


def split_done_text(ticket, new_ticket):
    return format_html(
        _('Ticket split: the messages moved to <a href="{new_url}">#{new}</a>; '
          'the earlier ones stay in <a href="{old_url}">#{old}</a>.'),
        new=new_ticket.pk, new_url=reverse("desk:ticket_edit", args=[new_ticket.pk]),
        old=ticket.pk, old_url=reverse("desk:ticket_edit", args=[ticket.pk]),
    )  # fmt: skip
