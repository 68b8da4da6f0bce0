"""Small helpers the desk views share: reading ticket ids out of a form, going back where
the user came from, and running a group action ticket by ticket. (A ticket is fetched
with `policies.access_ticket`.)"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.redirects import safe_next
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


def group_action(request, tickets, read, do, sentence) -> None:
    """One action on every ticked ticket: `read(request)` the form once (its error is the
    only message), then `do(user, ticket_id, value)` for each ticket on its own, and
    report what was done (`sentence`) and what was refused."""
    try:
        value = read(request)
    except ActionError as error:
        messages.error(request, error.message)
        return
    done, refused = each_ticket(tickets, lambda pk: do(request.user, pk, value))
    report(request, done, refused, sentence)


def each_ticket(tickets, do) -> tuple[list, list]:
    """Run `do(ticket_id)` for each ticket, each on its own: (done, refused with why)."""
    done, refused = [], []
    for ticket in tickets:
        try:
            do(ticket.pk)
        except ActionError as error:
            refused.append(f"#{ticket.pk}: {error.message}")
        else:
            done.append(f"#{ticket.pk}")
    return done, refused


def report(request, done, refused, sentence) -> None:
    """What a group action did: `sentence(count)` is its ngettext with %(count)s and
    %(numbers)s; the refusals follow with their reasons."""
    if done:
        numbers = {"count": len(done), "numbers": ", ".join(done)}
        messages.success(request, sentence(len(done)) % numbers)
    if refused:
        messages.error(request, _("Refused: %(list)s") % {"list": "; ".join(refused)})
