"""What staff do from the lists: save or reset the advanced filter (`ticket.filter`), narrow
to one client (`ticket.setfilter`), look clients up, and the group actions close
(`ticket.delete`) and unblock (`ticket.unblock`)."""

from django.contrib import messages
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import role_required
from accounts.policies import searchable_clients
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.ids import is_possible_id
from helpdesk.replies.variables import TICKET_COLUMNS, check_variables, render
from helpdesk.tickets import actions
from helpdesk.tickets.filters import (
    StaffTicketFilter,
    filter_params_from,
    save_params,
    saved_params,
    set_filter_client,
)
from helpdesk.tickets.models import SavedFilter
from helpdesk.tickets.policies import access_ticket, visible_tickets
from helpdesk.tickets.views.desk.common import group_action, on_ticked_tickets, redirect_back
from helpdesk.tickets.views.desk.lists import render_queue_list

AUTOCOMPLETE_LIMIT = 20
LIST_PAGES = {
    "all": ("desk/tickets/ticket_all.html", "-number", False),
    "queue": ("desk/tickets/queue.html", "-weight", True),
}


@require_POST
@role_required(Role.ADMIN)
@submit_once
def ticket_filter(request):
    """Save the advanced filter (it applies until changed or reset), or reset it."""
    user = request.user
    if "reset" in request.POST:
        save_params(user, SavedFilter.Kind.QUEUE, {})
        messages.success(request, _("The filter was reset."))
        return redirect_back(request, "desk:queue")
    if "remove" in request.POST:
        remove_condition(user, str(request.POST["remove"]))
        return redirect_back(request, "desk:queue")
    params = filter_params_from(request.POST, StaffTicketFilter)
    filterset = StaffTicketFilter(params, queryset=visible_tickets(user).none(), user=user)
    if not filterset.is_valid():
        messages.error(request, _("The filter was not saved: correct the marked fields."))
        return rerender_list(request, params)
    save_params(user, SavedFilter.Kind.QUEUE, params)
    messages.success(request, _("Filter saved; it applies until you change or reset it."))
    return redirect_back(request, "desk:queue")


def remove_condition(user, name) -> None:
    """A chip's ×: that one condition leaves the saved filter, the rest stays."""
    params = saved_params(user, SavedFilter.Kind.QUEUE)
    params.pop(name, None)
    save_params(user, SavedFilter.Kind.QUEUE, params)


def rerender_list(request, params):
    template, sort, queue_only = LIST_PAGES.get(request.POST.get("page_kind"), LIST_PAGES["queue"])
    tickets = visible_tickets(request.user)
    tickets = tickets.in_queue() if queue_only else tickets
    return render_queue_list(
        request, tickets, template=template, default_sort=sort, filter_data=params, status=400
    )


@require_POST
@role_required(Role.ADMIN)
@submit_once
def ticket_setfilter(request):
    """Show only one client's tickets (`ticket.setfilter`); an empty client clears it."""
    raw = str(request.POST.get("client", "")).strip()
    if not raw:
        set_filter_client(request.user, None)
        messages.success(request, _("Showing the tickets of every client again."))
        return redirect_back(request, "desk:queue")
    is_number = is_possible_id(raw)
    found = searchable_clients(request.user).filter(pk=raw).first() if is_number else None
    if found is None:
        messages.error(request, _("There is no such client."))
        return redirect_back(request, "desk:queue")
    set_filter_client(request.user, found.pk)
    messages.success(request, _("Showing only the tickets of %(client)s.") % {"client": found})
    return redirect_back(request, "desk:queue")


@require_GET
@role_required(Role.ADMIN)
def client_autocomplete(request):
    """Clients whose name contains `q` (or whose number is `q`), at most 20, as JSON."""
    query = " ".join(str(request.GET.get("q", "")).split())[:100]
    if not query:
        return JsonResponse({"results": []})
    clients = searchable_clients(request.user)
    if is_possible_id(query):
        clients = clients.filter(pk=int(query)) | clients.filter(name__icontains=query)
    else:
        clients = clients.filter(name__icontains=query)
    found = clients.order_by("name", "id").values("id", "name")[:AUTOCOMPLETE_LIMIT]
    return JsonResponse({"results": list(found)})


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:queue")
def ticket_close(request, tickets):
    """Take the ticked tickets out of the queue; nothing is deleted."""
    closed = actions.close_tickets(tickets, by=request.user)
    numbers = ", ".join(f"#{ticket.pk}" for ticket in closed)
    messages.success(
        request,
        ngettext("Closed %(count)s ticket: %(numbers)s.", "Closed %(count)s tickets: %(numbers)s.",
                 len(closed)) % {"count": len(closed), "numbers": numbers or "—"},
    )  # fmt: skip


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:queue")
def ticket_unblock(request, tickets):
    """Release the ticked tickets for everyone (`ticket.unblock`)."""
    count = actions.unblock_tickets(tickets, by=request.user)
    messages.success(
        request,
        ngettext("Unblocked %(count)s ticket.", "Unblocked %(count)s tickets.", count)
        % {"count": count},
    )


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:queue")
def ticket_group_reply(request, tickets):
    """One text to every ticked ticket, each its own message with the variables filled for
    it (one transaction per ticket): a summary tells what was sent and what was refused."""
    group_action(request, tickets, read_group_reply, reply_to_one, replied)


def read_group_reply(request) -> tuple[str, bool]:
    body = str(request.POST.get("group_message", ""))
    check_variables(body, field="group_message")
    return body, request.POST.get("group_close") == "1"


def reply_to_one(user, ticket_id, reply):
    body, close = reply
    ticket = access_ticket(user, ticket_id, to="work", columns=TICKET_COLUMNS)
    text = render(body, ticket=ticket, staff=user)
    actions.post_staff_reply(ticket, author=user, body=text, close=close)


def replied(count) -> str:
    return ngettext("Replied to %(count)s ticket: %(numbers)s.",
                    "Replied to %(count)s tickets: %(numbers)s.", count)  # fmt: skip
