"""Small helpers the desk views share: reading ticket ids out of a form, and going back
where the user came from. (A ticket is fetched with `policies.access_ticket`.)"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.redirects import local_url
from helpdesk import ids
from helpdesk.errors import ActionError, add_action_error
from helpdesk.tickets.policies import access_ticket, visible_tickets

MAX_SELECTED = 500


def require_possible_id(pk) -> None:
    """404 for a number no row can have, before it overflows a query."""
    if not ids.is_possible_id(pk):
        raise Http404


def selected_tickets(request):
    """The tickets ticked in a list form (`elid`), among those the user may see; junk is
    ignored and the list is bounded."""
    values = request.POST.getlist("elid")[:MAX_SELECTED]
    selected = ids.parse_ids(values).ids[:MAX_SELECTED]
    return visible_tickets(request.user).filter(pk__in=selected)


def safe_next(request, default):
    """The `next` address of a form if it points inside this site, else `default`."""
    return local_url(request, request.POST.get("next") or request.GET.get("next")) or default


def redirect_back(request, default_name, *args):
    return redirect(safe_next(request, reverse(default_name, args=args)))


def on_ticked_tickets(back):
    """A list's group action: the view gets the ticked tickets and the user goes back to
    the list; with nothing ticked the view does not run."""

    def decorator(view):
        @wraps(view)
        def wrapper(request):
            tickets = list(selected_tickets(request))
            if tickets:
                view(request, tickets)
            else:
                messages.warning(request, _("Tick at least one ticket first."))
            return redirect_back(request, back)

        return wrapper

    return decorator


def ticket_tool(request, ticket_id, *, may, form_class, template, apply, context=None):
    """A form page about one ticket (charge, add incidents, register a violation): GET shows
    the form; a valid POST runs `apply(ticket, cleaned_data)`, which calls the action and
    returns the sentence to show, and goes back to the ticket. A refusal stays on the form
    with what was typed. `may(user, ticket)` is the policy for the tool."""
    ticket = access_ticket(request.user, ticket_id, to="work")
    if not may(request.user, ticket):
        raise PermissionDenied
    form = form_class(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            done = apply(ticket, form.cleaned_data)
        except ActionError as error:
            add_action_error(form, error, getattr(form, "aliases", None))
        else:
            messages.success(request, done)
            return redirect("desk:ticket_edit", ticket.pk)
    page = {"ticket": ticket, "form": form, **(context(ticket) if context else {})}
    return render(request, template, page, status=400 if form.is_bound else 200)
