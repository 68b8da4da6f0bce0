"""Changing many tickets at once from the lists: assign to a department or a staff member,
set the priority, raise or lower it, add a note. Each ticket goes through the same action
as on its page, in its own transaction; a summary says what was done and what was
refused, and why."""

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
from helpdesk.tickets.views.desk.common import group_action, on_ticked_tickets

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


def changed(count) -> str:
    return ngettext("Changed %(count)s ticket: %(numbers)s.",
                    "Changed %(count)s tickets: %(numbers)s.", count)  # fmt: skip


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:queue")
def ticket_group_update(request, tickets):
    """Assign, set the priority, or raise/lower it on every ticked ticket."""
    group_action(request, tickets, parameter_changes, change_one, changed)


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:queue")
def ticket_group_note(request, tickets):
    """One internal note on every ticked ticket."""
    group_action(request, tickets, read_note, note_one, changed)


def read_note(request) -> str:
    return clean_body(request.POST.get("group_note", ""))
