"""abuse_task, abuse_task.edit, abuse_task.finish: the abuse process (BILLmanager's abuse
list). A case is reached through its ticket: staff of the ticket's department and root."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import Client
from helpdesk.api import lookups
from helpdesk.api.nodes import list_answer
from helpdesk.api.registry import STAFF, function
from helpdesk.api.wire import ok, text
from helpdesk.errors import ActionError
from helpdesk.tickets import deadlines
from helpdesk.tickets.listing import format_datetime
from helpdesk.tickets.models import Service
from helpdesk.tickets.policies import staff_departments
from helpdesk.violations import actions
from helpdesk.violations.models import Violation
from helpdesk.violations.policies import access_case, can_register_violation, visible_cases

Action = Violation.Action
WIRE_ACTIONS = {Action.FORWARD: "forward", Action.SUSPEND_SERVICE: "suspend_item",
                Action.SUSPEND_ALL: "suspend_all"}  # fmt: skip
ACTIONS = {wire: action for action, wire in WIRE_ACTIONS.items()} | {
    "suspend_service": Action.SUSPEND_SERVICE
}


def case_elem(case) -> dict:
    return {
        "id": text(case.pk),
        "ticket": text(case.ticket_id),
        "subject": text(case.ticket.subject),
        "opendate": text(format_datetime(case.created_at)),
        "deadline": text(format_datetime(case.deadline) if case.deadline else ""),
        "account": text(case.client.name),
        "account_id": text(case.client_id),
        "author": text(case.created_by),
        "score": text(case.score),
        "status": {"$": str(case.get_status_display()), "$orig": case.status},
        "action": {"$": str(case.get_action_display()), "$orig": WIRE_ACTIONS[case.action]},
    }


CASE_COLUMNS = ("ticket", "client", "created_by")


@function("abuse_task", who=STAFF)
def abuse_list(call):
    """Newest first; `status` (open, answered, applied, finished) and `account` filter."""
    cases = visible_cases(call.user).select_related(*CASE_COLUMNS).order_by("-id")
    status = call.get("status").strip()
    if status:
        if status not in Violation.Status.values:
            raise ActionError(_("Unknown status."), field="status")
        cases = cases.filter(status=status)
    account = call.optional_id("account")
    if account:
        cases = cases.filter(client_id=account)
    return list_answer(call, cases, case_elem)


@function("abuse_task.edit", who=STAFF)
def edit(call):
    number = call.optional_id("elid")
    case = access_case(call.user, number) if number else None
    if not call.committing:
        return case_form(case) if case else {}
    if case:
        case = actions.change_case(
            case, by=call.user, score=optional(call, "score"), note=optional(call, "score_note"),
            action=read_action(call) if call.get("action").strip() else None,
            deadline=read_deadline(call) if call.get("deadline").strip() else None,
        )  # fmt: skip
    else:
        case = new_case(call)
    return ok(id=text(case.pk))


def optional(call, name):
    return call.get(name) if call.has(name) else None


def case_form(case) -> dict:
    return {**case_elem(case), "elid": text(case.pk), "score_note": text(case.note),
            "item": text(case.service_id or "")}  # fmt: skip


def new_case(call):
    fields = {"by": call.user, "score": call.get("score") or "0", "note": call.get("score_note"),
              "action": read_action(call), "deadline": read_deadline(call)}  # fmt: skip
    if call.get("ticket").strip():
        ticket = lookups.ticket(call, "ticket")
        if not can_register_violation(call.user, ticket):
            raise ActionError(_("You may not do this on this ticket."), code="access",
                              field="ticket")  # fmt: skip
        if fields["deadline"] is None:
            raise ActionError(_("Give the client a deadline to answer."), field="deadline")
        return actions.register_violation(ticket, message=call.get("message"), **fields)
    client = read_client(call)
    return actions.open_abuse_case(
        client, subject=call.get("subject"), message=call.get("message"),
        department=read_department(call), service=read_item(call, client), **fields,
    )  # fmt: skip


def read_action(call):
    action = call.get("action").strip().lower() or "forward"
    if action not in ACTIONS:
        raise ActionError(_("action is one of forward, suspend_item, suspend_all."),
                          field="action")  # fmt: skip
    return ACTIONS[action]


def read_deadline(call):
    """`YYYY-MM-DD HH:MM[:SS]` in the installation's time zone; None when empty."""
    value = call.get("deadline").strip()
    if not value:
        return None
    day, _space, moment = value.partition(" ")
    try:
        return deadlines.deadline_at(deadlines.parse_day(day), deadlines.parse_time(moment))
    except ValueError:
        raise ActionError(_("Give the deadline as YYYY-MM-DD HH:MM:SS."),
                          field="deadline") from None  # fmt: skip
    except ValidationError as error:  # a year this installation cannot store
        raise ActionError(error.messages[0], field="deadline") from None


def read_client(call):
    number = call.optional_id("account")
    client = Client.objects.filter(pk=number).first() if number else None
    if client is None:
        raise lookups.missed("account", [number or ""])
    return client


def read_department(call):
    departments = staff_departments(call.user).select_related("provider").order_by("id")
    number = call.optional_id("department")
    department = (departments.filter(pk=number) if number else departments).first()
    if department is None:
        raise lookups.missed("department", [number or ""])
    return department


def read_item(call, client):
    number = call.optional_id("item")
    if number is None:
        return None
    service = Service.objects.filter(pk=number, client=client).first()
    if service is None:
        raise lookups.missed("item", [number])
    return service


@function("abuse_task.finish", who=STAFF)
def finish(call):
    numbers = call.ids("elid")
    scope = visible_cases(call.user).select_related("ticket")
    cases = lookups.all_found(scope.filter(pk__in=numbers), numbers, "elid")
    actions.finish_cases(cases, by=call.user)
    return ok()
