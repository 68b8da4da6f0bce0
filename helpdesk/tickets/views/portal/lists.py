"""The client's ticket lists: My tickets (`clientticket`) with its saved filter, archiving
several at once (`clientticket.archive`), and the Archived list (`clientticket_archive`)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.redirects import safe_next
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError
from helpdesk.ids import parse_ids
from helpdesk.paging import Page
from helpdesk.tickets import actions, policies
from helpdesk.tickets.filters import filter_params_from, filtered, save_params, saved_params
from helpdesk.tickets.forms import PortalTicketFilter
from helpdesk.tickets.models import SavedFilter

PAGE_SIZE = 20
MAX_SELECTED = 100
# ?sort= value → ordering; anything else falls back to the default.
CLIENT_SORTS = {
    "number": "id",
    "subject": "subject",
    "last": "last_message_at",
    "status": "status",
}
DEFAULT_SORT = "-last"


def client_sort(request) -> str:
    sort = request.GET.get("sort", DEFAULT_SORT)
    return sort if sort.lstrip("-") in CLIENT_SORTS else DEFAULT_SORT


def sorted_page(request, queryset):
    sort = client_sort(request)
    field = CLIENT_SORTS[sort.lstrip("-")]
    direction = "-" if sort.startswith("-") else ""
    ordered = queryset.select_related("created_by").order_by(f"{direction}{field}", "-id")
    page = Page.read(request.GET.get("page"), sizes=(PAGE_SIZE,), default_size=PAGE_SIZE)
    rows, has_next = page.slice(ordered)
    return {"sort": sort, "page": page, "rows": rows, "has_next": has_next}


def render_client_list(request, filterset, *, status=200):
    tickets = policies.visible_tickets(request.user).active_for_client()
    context = {
        "filterset": filterset,
        "filter_is_set": bool(filterset.data),
        **sorted_page(request, filtered(filterset, tickets)),
    }
    return render(request, "portal/tickets/ticket_list.html", context, status=status)


@role_required(Role.USER, landing=True)
def ticket_list(request):
    params = saved_params(request.user, SavedFilter.Kind.CLIENT)
    return render_client_list(request, PortalTicketFilter(params or None))


@role_required(Role.USER)
def archived_list(request):
    context = sorted_page(request, policies.visible_tickets(request.user).archived())
    return render(request, "portal/tickets/archived_list.html", context)


@require_POST
@role_required(Role.USER)
@submit_once
def ticket_filter(request):
    """Save the filter (it applies until changed) or reset it; an invalid filter is shown
    again with what was typed and nothing is saved."""
    if "reset" in request.POST:
        save_params(request.user, SavedFilter.Kind.CLIENT, {})
        messages.success(request, _("The filter was reset: all your tickets are shown."))
        return redirect("portal:ticket_list")
    params = filter_params_from(request.POST, PortalTicketFilter)
    filterset = PortalTicketFilter(params)
    if not filterset.is_valid():
        messages.error(request, _("The filter was not saved: correct the fields below."))
        return render_client_list(request, filterset, status=400)
    save_params(request.user, SavedFilter.Kind.CLIENT, params)
    messages.success(request, _("The filter was saved and applies until you reset it."))
    return redirect("portal:ticket_list")


def selected_ids(request) -> list[int]:
    values = request.POST.getlist("ticket")[:MAX_SELECTED]
    return sorted(parse_ids(values).ids)


@require_POST
@role_required(Role.USER)
@submit_once
def ticket_archive(request):
    """Archive the selected closed tickets; the others are refused with a reason and stay
    as they are."""
    ids = selected_ids(request)
    found = {t.pk: t for t in policies.visible_tickets(request.user).filter(pk__in=ids)}
    archivable = [t for t in found.values() if policies.can_archive(request.user, t)]
    refused = [refusal_reason(request.user, found.get(pk), pk) for pk in ids]
    refused = [reason for reason in refused if reason]
    if not ids:
        messages.error(request, _("Select the closed tickets to archive."))
    if archivable:
        try:
            actions.archive_tickets(archivable, by=request.user)
        except ActionError as error:
            messages.error(request, error.message)
        else:
            report_archived(request, archivable)
    if refused:
        messages.warning(request, _("Not archived: %(list)s") % {"list": "; ".join(refused)})
    return redirect(next_url(request))


def refusal_reason(user, ticket, pk) -> str | None:
    if ticket is None:
        return _("#%(id)s was not found") % {"id": pk}
    return policies.archive_refusal(user, ticket)


def report_archived(request, tickets) -> None:
    numbers = ", ".join(f"#{ticket.pk}" for ticket in tickets)
    text = ngettext(
        "Ticket %(numbers)s was moved to the archive.",
        "Tickets %(numbers)s were moved to the archive.",
        len(tickets),
    )
    messages.success(request, text % {"numbers": numbers})


def next_url(request) -> str:
    return safe_next(request, "portal:ticket_list")
