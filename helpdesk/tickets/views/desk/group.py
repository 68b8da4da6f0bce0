"""Changing many tickets at once from the lists: assign to a department or a staff member,
set the priority, raise or lower it, add a note. Each ticket goes through the same action
as on its page, in its own transaction; a summary says what was done and what was
refused, and why."""

from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError
from helpdesk.ids import is_possible_id
from helpdesk.messages.actions import clean_body
from helpdesk.tickets import actions
from helpdesk.tickets.policies import access_ticket, assignable_departments, assignable_staff
from helpdesk.tickets.views.desk.common import on_ticked_tickets

FLAGS = {
    "raise": {"high_priority": True},
    "lower": {"low_priority": True},
    "normal": {"high_priority": False, "low_priority": False},
}


def chosen(queryset, value, what):
    value = str(value or "")
    found = queryset.filter(pk=value).first() if is_possible_id(value) else None
    if found is None:
        raise ActionError(_("Choose %(what)s from the list.") % {"what": what})
    return found


def parameter_changes(request) -> dict:
    """What the pressed button changes on each ticket, read once for all of them."""
    operation, user, form = request.POST.get("group_op"), request.user, request.POST
    if operation == "department":
        return {"department": chosen(assignable_departments(user), form.get("group_department"),
                                     _("a department"))}  # fmt: skip
    if operation == "responsible":
        return {"responsible": chosen(assignable_staff(user), form.get("group_responsible"),
                                      _("a staff member"))}  # fmt: skip
    if operation == "priority":
        return {"priority": actions.clean_priority(form.get("group_priority"), field="priority")}
    if operation in FLAGS:
        return FLAGS[operation]
    raise ActionError(_("Choose what to do with the ticked tickets."))


def change_one(user, ticket_id, changes) -> None:
    with transaction.atomic():
        ticket = access_ticket(user, ticket_id, to="work", lock=True)
        actions.update_ticket(ticket, by=user, **changes)


def note_one(user, ticket_id, body) -> None:
    with transaction.atomic():
        ticket = access_ticket(user, ticket_id, to="work", lock=True)
        actions.add_note(ticket, author=user, body=body)


def each_ticket(tickets, do) -> tuple[list, list]:
    """Run `do(ticket_id)` for each ticket, each on its own: (done, refused with why)."""
    done, refused = [], []
    for ticket in tickets:
        try:
            do(ticket.pk)
        except ActionError as error:
            refused.append(f"#{ticket.pk}: {error.message}")
        else:
            done.append(f"#{ticket.pk}")
    return done, refused


def report(request, done, refused) -> None:
    if done:
        messages.success(
            request,
            ngettext("Changed %(count)s ticket: %(numbers)s.",
                     "Changed %(count)s tickets: %(numbers)s.", len(done))
            % {"count": len(done), "numbers": ", ".join(done)},
        )  # fmt: skip
    if refused:
        messages.error(request, _("Refused: %(list)s") % {"list": "; ".join(refused)})


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:queue")
def ticket_group_update(request, tickets):
    """Assign, set the priority, or raise/lower it on every ticked ticket."""
    try:
        changes = parameter_changes(request)
    except ActionError as error:
        messages.error(request, error.message)
        return
    report(request, *each_ticket(tickets, lambda pk: change_one(request.user, pk, changes)))


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:queue")
def ticket_group_note(request, tickets):
    """One internal note on every ticked ticket."""
    try:
        body = clean_body(request.POST.get("group_note", ""))
    except ActionError as error:
        messages.error(request, error.message)
        return
    report(request, *each_ticket(tickets, lambda pk: note_one(request.user, pk, body)))
