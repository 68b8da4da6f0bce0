"""Staff change a ticket's parameters: subject, service, department, responsible,
priorities and deadline."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.tickets import events, regulation
from helpdesk.tickets.actions.common import (
    check_service,
    clean_priority,
    clean_subject,
    lock,
    save_ticket,
)
from helpdesk.tickets.models import Ticket


@transaction.atomic
def update_ticket(ticket, *, by, **changes) -> Ticket:
    """Staff change a ticket's parameters. Keys: subject, service, department, responsible,
    priority, client_priority, high_priority, low_priority, deadline (None clears it).
    The caller has checked `to="work"` access; the responsible is checked here."""
    ticket = lock(ticket)
    before = snapshot(ticket)
    if "subject" in changes:
        ticket.subject = clean_subject(changes.pop("subject"))
    for field in ("priority", "client_priority"):
        if field in changes:
            setattr(ticket, field, clean_priority(changes.pop(field), field=field))
    if "service" in changes:
        ticket.service = changes.pop("service")
    if "department" in changes:
        move_to_department(ticket, changes.pop("department"))
    check_service(ticket.client, ticket.department, ticket.service)
    if "responsible" in changes:
        ticket.responsible = check_responsible(ticket, changes.pop("responsible"))
    set_priority_flags(
        ticket, changes.pop("high_priority", None), changes.pop("low_priority", None)
    )
    if "deadline" in changes:
        set_deadline(ticket, changes.pop("deadline"))
    if changes:
        raise ActionError(_("Unknown ticket parameter: %(name)s") % {"name": ", ".join(changes)})
    save_ticket(ticket)
    record_changes(ticket, before, by=by)
    return ticket


# What the history tells of a parameter change: the field's label and its value in words.
TRACKED = {
    "subject": lambda ticket: ticket.subject,
    "department": lambda ticket: ticket.department.name,
    "service": lambda ticket: ticket.service.name if ticket.service_id else None,
    "responsible": lambda ticket: str(ticket.responsible) if ticket.responsible_id else None,
    "priority": lambda ticket: ticket.get_priority_display(),
    "client_priority": lambda ticket: ticket.get_client_priority_display(),
    "high_priority": lambda ticket: ticket.high_priority,
    "low_priority": lambda ticket: ticket.low_priority,
    "deadline": lambda ticket: (
        timezone.localtime(ticket.deadline).strftime("%Y-%m-%d %H:%M") if ticket.deadline else None
    ),
}


def snapshot(ticket) -> dict:
    return {name: value(ticket) for name, value in TRACKED.items()}


def record_changes(ticket, before, *, by) -> None:
    after = snapshot(ticket)
    changed = [
        events.change(Ticket._meta.get_field(name).verbose_name, before[name], after[name])
        for name in TRACKED
        if before[name] != after[name]
    ]
    if changed:
        events.record(ticket, events.Kind.CHANGED, actor=by, changes=changed)


def move_to_department(ticket, department) -> None:
    if department.pk == ticket.department_id:
        return
    ticket.department = department
    ticket.provider = department.provider
    if ticket.responsible_id and not department.members.filter(pk=ticket.responsible_id).exists():
        ticket.responsible = None


def check_responsible(ticket, user):
    if user is not None and not ticket.department.members.filter(pk=user.pk).exists():
        raise ActionError(
            _("%(name)s is not a member of the ticket's department.") % {"name": user},
            field="responsible",
        )
    return user


def set_priority_flags(ticket, high, low) -> None:
    if high and low:
        raise ActionError(
            _("A ticket cannot have its priority both raised and lowered."), field="high_priority"
        )
    if high is not None:
        ticket.high_priority = bool(high)
        ticket.low_priority = ticket.low_priority and not high
    if low is not None:
        ticket.low_priority = bool(low)
        ticket.high_priority = ticket.high_priority and not low


def set_deadline(ticket, deadline) -> None:
    ticket.deadline_manual = deadline is not None
    if deadline is not None:
        ticket.deadline = deadline
    elif ticket.waiting_since is not None:
        ticket.deadline = regulation.response_deadline(ticket.department, ticket.waiting_since)
    else:
        ticket.deadline = None
