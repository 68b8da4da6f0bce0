"""The portal's search (`/search/?q=…`): the same search over the client's own tickets
and what they are shown of them; a ticket number of theirs opens the ticket."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.decorators import role_required
from accounts.roles import Role
from helpdesk.paging import Page
from helpdesk.search.tickets import CANDIDATES, clean_query, search_tickets, ticket_number
from helpdesk.tickets.policies import visible_tickets

PAGE_SIZE = 20


@require_GET
@role_required(Role.USER)
def ticket_search(request):
    text = clean_query(request.GET.get("q"))
    tickets = visible_tickets(request.user)
    number = ticket_number(text)
    if number and tickets.filter(pk=number).exists():
        return redirect("portal:ticket_detail", number)
    page = Page.read(
        request.GET.get("page"), sizes=(PAGE_SIZE,), default_size=PAGE_SIZE,
        last=CANDIDATES // PAGE_SIZE,
    )  # fmt: skip
    found = search_tickets(request.user, text, tickets, offset=page.start, size=page.size)
    context = {"query": text, "found": found, "page": page}
    return render(request, "portal/tickets/ticket_search.html", context)
