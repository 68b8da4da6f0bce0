"""One ticket in the client portal: open a new one (`clientticket.edit` without a ticket),
read the conversation, reply (`clientticket.edit` with one)."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError, add_action_error
from helpdesk.incidents.actions import incidents_at
from helpdesk.messages import policies as message_policies
from helpdesk.tickets import actions, policies
from helpdesk.tickets.forms import ClientReplyForm, NewTicketForm
from helpdesk.tickets.models import Provider

RATING_CHOICES = [("good", gettext_lazy("Good")), ("bad", gettext_lazy("Bad"))]


PAGE_COLUMNS = ("department", "provider", "service", "created_by")


def portal_ticket(user, ticket_id):
    """The ticket if it is the user's, with what its page shows; else the one 404."""
    return policies.access_ticket(user, ticket_id, columns=PAGE_COLUMNS)


@role_required(Role.USER)
@submit_once
def ticket_new(request):
    form = NewTicketForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        ticket = open_from_form(request, form)
        if ticket is not None:
            messages.success(
                request, _("Ticket #%(id)s was sent. We will answer soon.") % {"id": ticket.pk}
            )
            return redirect("portal:ticket_detail", ticket_id=ticket.pk)
    context = {"form": form, "incident_notes": incident_notes(request.user)}
    return render(request, "portal/tickets/ticket_new.html", context)


def incident_notes(user) -> list[tuple]:
    """(provider, incidents left) for each provider that has a paid department here."""
    paid = policies.client_departments(user).filter(requires_incident=True)
    return incidents_at(user.client, Provider.objects.filter(departments__in=paid).distinct())


def open_from_form(request, form):
    data = form.cleaned_data
    try:
        return actions.open_ticket(
            request.user.client,
            author=request.user,
            subject=data["subject"],
            body=data["message"],
            department=data["department"],
            service=data["service"],
            client_priority=data["client_priority"],
            files=data["files"],
        )
    except ActionError as error:
        add_action_error(form, error, form.aliases)
        return None


@role_required(Role.USER)
def ticket_detail(request, ticket_id):
    """The ticket page; showing it changes nothing (the page posts `ticket_open` once shown)."""
    ticket = portal_ticket(request.user, ticket_id)
    return render_ticket(request, ticket, ClientReplyForm())


@role_required(Role.USER)
@submit_once
def ticket_solved(request, ticket_id):
    """The client's "My problem is solved": the ticket closes; writing reopens it."""
    ticket = portal_ticket(request.user, ticket_id)  # another's id is a 404 by any method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if policies.can_mark_solved(request.user, ticket):
        actions.mark_solved(ticket, by=request.user)
        messages.success(request, _("Glad it is solved. Write here any time to reopen the ticket."))
    return redirect("portal:ticket_detail", ticket_id=ticket.pk)


@role_required(Role.USER)
def ticket_open(request, ticket_id):
    """The client saw the ticket page: support's replies are no longer unread."""
    ticket = portal_ticket(request.user, ticket_id)  # another's id is a 404 by any method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    actions.open_for_client(ticket, reader=request.user)
    return HttpResponse(status=204)


def render_ticket(request, ticket, reply_form, *, status=200):
    thread = list(
        message_policies.visible_messages(request.user, ticket)
        .thread()
        .select_related("author")
        .prefetch_related("attachments")
    )
    for message in thread:
        message.ticket = ticket  # the policy below reads it; no query per message
        message.can_rate = message_policies.can_rate(request.user, message)
    removed = list(message_policies.removed_messages(request.user, ticket))
    thread = sorted(thread + removed, key=lambda message: (message.created_at, message.pk))
    context = {
        "ticket": ticket,
        "thread": thread,
        "expenses": list(ticket.expenses.all()),
        "reply_form": reply_form,
        "can_write": policies.can_client_write(request.user, ticket),
        "can_archive": policies.can_archive(request.user, ticket),
        "can_mark_solved": policies.can_mark_solved(request.user, ticket),
        "rating_choices": RATING_CHOICES,
    }
    return render(request, "portal/tickets/ticket_detail.html", context, status=status)


@role_required(Role.USER)
@submit_once
def ticket_reply(request, ticket_id):
    ticket = portal_ticket(request.user, ticket_id)
    if request.method != "POST" or not policies.can_client_write(request.user, ticket):
        return redirect("portal:ticket_detail", ticket_id=ticket.pk)
    form = ClientReplyForm(request.POST, request.FILES)
    if form.is_valid() and post_from_form(request, ticket, form):
        return redirect("portal:ticket_detail", ticket_id=ticket.pk)
    return render_ticket(request, ticket, form, status=400)


def post_from_form(request, ticket, form) -> bool:
    was_closed = ticket.is_closed
    try:
        actions.post_client_message(
            ticket,
            author=request.user,
            body=form.cleaned_data["message"],
            files=form.cleaned_data["files"],
        )
    except ActionError as error:
        add_action_error(form, error, form.aliases)
        return False
    if was_closed:
        messages.success(request, _("Your message was sent and the ticket was reopened."))
    else:
        messages.success(request, _("Your message was sent."))
    return True
