"""Favorites of a staff member: the list (`ticket_favorite`) and adding or removing tickets
(`ticket.favorite`), from the lists' group actions or from a ticket page."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.favorites import actions
from helpdesk.favorites.policies import favorite_tickets
from helpdesk.tickets.views.desk.common import on_ticked_tickets
from helpdesk.tickets.views.desk.lists import ticket_rows


@require_GET
@role_required(Role.ADMIN)
def ticket_favorite(request):
    context = ticket_rows(request, favorite_tickets(request.user), default_sort="-number")
    return render(request, "desk/favorites/ticket_favorite.html", context)


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:queue")
def favorite_add(request, tickets):
    actions.add_favorites(tickets, user=request.user)
    messages.success(
        request,
        ngettext("Added %(count)s ticket to your favorites.",
                 "Added %(count)s tickets to your favorites.", len(tickets))
        % {"count": len(tickets)},
    )  # fmt: skip


@require_POST
@role_required(Role.ADMIN)
@submit_once
@on_ticked_tickets("desk:ticket_favorite")
def favorite_remove(request, tickets):
    actions.remove_favorites(tickets, user=request.user)
    messages.success(
        request,
        ngettext("Removed %(count)s ticket from your favorites.",
                 "Removed %(count)s tickets from your favorites.", len(tickets))
        % {"count": len(tickets)},
    )  # fmt: skip
