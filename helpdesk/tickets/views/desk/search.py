"""The desk's search (`/desk/search/?q=…`): a ticket number opens the ticket; any other
text searches what the staff member may see, narrowed by their saved list filter."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.decorators import role_required
from accounts.roles import Role
from helpdesk.paging import Page
from helpdesk.search.tickets import CANDIDATES, clean_query, search_tickets, ticket_number
from helpdesk.tickets.conditions import active_conditions
from helpdesk.tickets.filters import apply_staff_filters
from helpdesk.tickets.policies import visible_tickets
from helpdesk.tickets.views.desk.lists import filter_context

PAGE_SIZE = 50


@require_GET
@role_required(Role.ADMIN)
def ticket_search(request):
    text = clean_query(request.GET.get("q"))
    number = ticket_number(text)
    if number and visible_tickets(request.user).filter(pk=number).exists():
        return redirect("desk:ticket_edit", number)
    filterset, tickets = apply_staff_filters(visible_tickets(request.user), request.user)
    page = Page.read(
        request.GET.get("page"), sizes=(PAGE_SIZE,), default_size=PAGE_SIZE,
        last=CANDIDATES // PAGE_SIZE,
    )  # fmt: skip
    narrowed = bool(filterset.data) and filterset.is_valid()
    found = search_tickets(
        request.user, text, tickets, narrowed=narrowed, offset=page.start, size=page.size
    )
    context = {"query": text, "found": found, "page": page, **filter_context(request, filterset)}
    if not found.results and filterset.data and filterset.is_valid():
        context["empty_reason"] = searched_only(filterset, context["filter_client_name"])
    return render(request, "desk/tickets/ticket_search.html", context)


def searched_only(filterset, client_name) -> str:
    conditions = active_conditions(filterset, client_name=client_name)
    return _("Only the tickets matching your filter were searched: %(conditions)s.") % {
        "conditions": "; ".join(str(condition) for condition in conditions)
    }
