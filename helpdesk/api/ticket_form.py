"""`ticket.edit … sok=ok`: the staff ticket form's parameters, parsed into one TicketForm
that actions.apply_ticket_form applies in a single transaction."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.tickets import deadlines, policies
from helpdesk.violations.models import Violation

Action = Violation.Action
# BILLmanager-ish spellings accepted for the abuse `action`.
VIOLATION_ACTIONS = {
    "forward": Action.FORWARD, "ticket": Action.FORWARD, "support": Action.FORWARD,
    "suspend_service": Action.SUSPEND_SERVICE, "suspend": Action.SUSPEND_SERVICE,
    "item": Action.SUSPEND_SERVICE,
    "suspend_all": Action.SUSPEND_ALL, "suspendall": Action.SUSPEND_ALL, "all": Action.SUSPEND_ALL,
}  # fmt: skip


@dataclass
class TicketForm:
    changes: dict = field(default_factory=dict)  # keyword arguments of update_ticket
    reply: str = ""
    close: bool = False
    seen_message_id: int | None = None
    note: str = ""
    files: list = field(default_factory=list)
    expense: str = ""
    expense_comment: str = ""
    incident_count: str = ""
    violation: dict | None = None


def parse_ticket_form(call, ticket) -> TicketForm:
    return TicketForm(
        changes=parse_changes(call, ticket),
        reply=call.get("message").strip(),
        close=call.get("clicked_button") == "ok",
        seen_message_id=call.optional_id("seen_message"),
        note=call.get("note_message").strip(),
        files=call.uploads(),
        expense=call.get("ticket_expense").strip(),
        expense_comment=call.get("expense_comment"),
        incident_count=call.get("incident_count").strip(),
        violation=parse_violation(call),
    )


def parse_changes(call, ticket) -> dict:
    changes = {}
    if call.has("name"):
        changes["subject"] = call.get("name")
    for name in ("priority", "client_priority"):
        if call.get(name).strip():
            changes[name] = call.get(name).strip()
    if call.has("ticket_item"):
        changes["service"] = parse_service(call, ticket)
    department = parse_department(call, ticket)
    if department is not None:
        changes["department"] = department
    for name in ("high_priority", "low_priority"):
        if call.flag(name) is not None:
            changes[name] = call.flag(name)
    if call.has("deadline_date"):
        changes["deadline"] = parse_deadline(call)
    return changes


def parse_service(call, ticket):
    number = call.optional_id("ticket_item")
    if number is None:
        return None
    service = policies.ticket_services(call.user, ticket).filter(pk=number).first()
    if service is None:
        raise ActionError(_("Choose one of the client's services."), field="ticket_item")
    return service


def parse_department(call, ticket):
    """`client_department`, checked against `ticket_project_select` (the provider) if given."""
    number = call.optional_id("client_department")
    provider = call.optional_id("ticket_project_select")
    if number is None and provider in (None, ticket.provider_id):
        return None
    if number is None:
        raise ActionError(_("Choose a department of the new provider in client_department."),
                          field="client_department")  # fmt: skip
    department = policies.assignable_departments(call.user).filter(pk=number).first()
    if department is None:
        raise ActionError(_("There is no such department."), field="client_department")
    if provider is not None and department.provider_id != provider:
        raise ActionError(_("The department belongs to another provider."),
                          field="ticket_project_select")  # fmt: skip
    return department


def parse_deadline(call):
    """`deadline_date` YYYY-MM-DD and `deadline_time` HH:MM[:SS]; an empty date clears it."""
    day, hour = call.get("deadline_date").strip(), call.get("deadline_time").strip()
    if not day:
        return None
    try:
        return deadlines.deadline_at(
            read_deadline(deadlines.parse_day, day, "deadline_date"),
            read_deadline(deadlines.parse_time, hour, "deadline_time") if hour else None,
        )
    except ValidationError as error:
        raise ActionError(error.messages[0], field="deadline_date") from None


def read_deadline(parse, value: str, field_name: str):
    try:
        return parse(value)
    except ValueError:
        raise ActionError(_("Give the date as YYYY-MM-DD and the time as HH:MM."),
                          field=field_name) from None  # fmt: skip


def parse_violation(call):
    if not call.flag("show_abuse"):
        return None
    action = call.get("action").strip().lower() or Action.FORWARD
    return {
        "score": call.get("score"),
        "note": call.get("score_note"),
        "action": VIOLATION_ACTIONS.get(action, action),
    }
