"""The client's tickets: lists, the new-ticket form, viewing and answering, archiving."""

from django.utils.translation import gettext as _

from helpdesk.api import lookups
from helpdesk.api.nodes import (
    client_elem,
    client_status_node,
    list_answer,
    message_node,
    service_info,
    slist,
)
from helpdesk.api.registry import CLIENTS, function
from helpdesk.api.wire import ok, on, text
from helpdesk.errors import ActionError
from helpdesk.ids import is_possible_id
from helpdesk.incidents.actions import incidents_left
from helpdesk.messages.policies import visible_messages
from helpdesk.tickets import actions, policies
from helpdesk.tickets.filters import (
    ClientTicketFilter,
    filter_params_from,
    filtered,
    saved_params,
)
from helpdesk.tickets.listing import format_datetime
from helpdesk.tickets.models import Priority, SavedFilter, Ticket


def client_list(call, tickets):
    return list_answer(call, tickets.select_related("created_by").order_by("-id"), client_elem)


@function("clientticket", who=CLIENTS)
def active(call):
    """Active tickets (not archived), with the client's saved filter applied."""
    tickets = policies.visible_tickets(call.user).active_for_client()
    return client_list(call, with_saved_filter(call.user, tickets))


def with_saved_filter(user, tickets, *, ignore=()):
    saved = saved_params(user, SavedFilter.Kind.CLIENT)
    saved = {name: value for name, value in saved.items() if name not in ignore}
    filterset = ClientTicketFilter(filter_params_from(saved, ClientTicketFilter), queryset=tickets)
    return filtered(filterset, tickets)


@function("dashboard.tickets", who=CLIENTS)
def dashboard(call):
    """The client's latest active tickets for the dashboard and its new-reply alerts
    (rows as in `clientticket`; "New replies" in tstatus marks unread answers)."""
    tickets = policies.visible_tickets(call.user).active_for_client()
    latest = tickets.select_related("created_by").order_by("-last_message_at", "-id")
    return {"elem": [client_elem(ticket) for ticket in latest[:DASHBOARD_ROWS]]}


DASHBOARD_ROWS = 10


@function("clientticket_archive", who=CLIENTS)
def archived(call):
    """Archived tickets, with the same saved filter as `clientticket` but its status (an
    archived ticket has none of the statuses the filter offers)."""
    tickets = policies.visible_tickets(call.user).archived()
    return client_list(call, with_saved_filter(call.user, tickets, ignore=("status",)))


@function("clientticket.archive", who=CLIENTS)
def archive(call):
    """Archive closed tickets; one that is not closed refuses the whole call."""
    tickets = lookups.tickets(call)
    refused = [policies.archive_refusal(call.user, ticket) for ticket in tickets]
    if any(refused):
        reasons = "; ".join(reason for reason in refused if reason)
        raise ActionError(_("Not archived: %(list)s") % {"list": reasons}, field="elid")
    actions.archive_tickets(tickets, by=call.user)
    return ok()


@function("clientticket.edit", who=CLIENTS)
def edit(call):
    if not call.get("elid").strip():
        return create(call) if call.committing else new_ticket_form(call)
    ticket = lookups.ticket(call)
    if not policies.can_client_write(call.user, ticket):
        raise ActionError(_("You may not write in this ticket."), code="access", field="elid")
    if call.committing:
        actions.post_client_message(
            ticket, author=call.user, body=call.get("message"), files=call.uploads()
        )
        return ok(id=text(ticket.pk))
    actions.open_for_client(ticket, reader=call.user)
    return ticket_view(call.user, ticket)


def create(call):
    department = lookups.optional(
        call, "client_department", policies.client_departments(call.user), absent=not_listed
    )
    if department is None:
        raise ActionError(_("Choose a department."), field="client_department")
    ticket = actions.open_ticket(
        call.user.client,
        author=call.user,
        subject=call.get("name") or call.get("subject"),
        body=call.get("message"),
        department=department,
        service=lookups.optional(
            call, "ticket_item", policies.client_services(call.user), absent=not_listed
        ),
        client_priority=call.get("client_priority") or Priority.MEDIUM,
        files=call.uploads(),
    )
    return ok(id=text(ticket.pk))


def not_listed(field, _ids) -> ActionError:
    return ActionError(_("Choose one of the listed values."), field=field)


def new_ticket_form(call) -> dict:
    user = call.user
    departments = list(policies.client_departments(user))
    services = service_choices(call)
    return {
        "client_department": text(departments[0].pk if departments else ""),
        "ticket_item": text(""),
        "client_priority": text(Priority.MEDIUM.value),
        # Incidents count per provider: those of the department the form starts with.
        "incidents_left": text(
            incidents_left(user.client, departments[0].provider) if departments else 0
        ),
        "paid_departments": text(",".join(str(d.pk) for d in departments if d.requires_incident)),
        "slist": [
            slist("client_department", [(d.pk, str(d)) for d in departments]),
            slist("ticket_item", [("", _("none"))] + [(s.pk, str(s)) for s in services]),
            slist("client_priority", Priority.choices),
        ],
    }


MAX_SERVICES = 100


def service_choices(call):
    """The client's services for the form, at most MAX_SERVICES: with
    `sv_field=ticket_item&sv_autocomplete=yes` those whose name holds the typed text."""
    services = policies.client_services(call.user)
    typed = call.get("ticket_item").strip()
    if call.get("sv_field") == "ticket_item" and typed and typed != "null":
        by_name = services.filter(name__icontains=typed)
        services = services.filter(pk=int(typed)) | by_name if is_possible_id(typed) else by_name
    return services[:MAX_SERVICES]


def ticket_view(user, ticket) -> dict:
    messages = visible_messages(user, ticket).thread().select_related("author")
    expenses = ticket.expenses.all()
    return {
        "id": text(ticket.pk),
        "elid": text(ticket.pk),
        "name": text(ticket.subject),
        "subject": text(ticket.subject),
        "tstatus": client_status_node(ticket),
        "client_department": text(ticket.department_id),
        "ticket_item": text(ticket.service_id or ""),
        "client_priority": text(ticket.client_priority),
        "expense": [expense_node(expense) for expense in expenses],
        "mlist": [{
            "fm_date_post": text(format_datetime(ticket.created_at)),
            "message": [
                *([service_info(ticket.service)] if ticket.service_id else []),
                *(message_node(message, staff=False) for message in
                  messages.prefetch_related("attachments")),
            ],
        }],
        # An archived ticket opens read-only in client areas (writing brings it back).
        **({"closed_ticket_user": on()} if ticket.status == Ticket.Status.ARCHIVED else {}),
    }  # fmt: skip


def expense_node(expense) -> dict:
    return {
        "amount": text(expense.amount),
        "comment": text(expense.comment),
        "date": text(format_datetime(expense.created_at)),
    }
