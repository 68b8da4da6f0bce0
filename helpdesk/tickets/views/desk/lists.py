"""The desk's ticket lists: the queue (`ticket`) and all tickets (`ticket_all`). Rows are
paged without counting the table: one row more than the page tells whether a next page
exists."""

from dataclasses import dataclass

from django import forms
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.decorators import role_required
from accounts.policies import searchable_clients
from accounts.roles import Role
from helpdesk.ids import is_possible_id
from helpdesk.paging import Page
from helpdesk.tickets.filters import StaffTicketFilter, apply_staff_filters, saved_params
from helpdesk.tickets.listing import staff_row
from helpdesk.tickets.models import Priority, SavedFilter
from helpdesk.tickets.policies import visible_tickets

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 50
# OFFSET paging costs more the deeper it goes (0.2 s at page 1,000 of a million tickets);
# past that, narrowing the filter finds a ticket faster than paging does.
MAX_PAGE = 1_000

# ?sort= key → (column, label, direction of the first click).
QUEUE_SORTS = {
    "weight": ("queue_key", _("Queue"), "-"),
    "number": ("id", _("Ticket"), "-"),
    "subject": ("subject", _("Subject"), ""),
    "client": ("client__name", _("Client"), ""),
    "delay": ("waiting_since", _("Delay"), ""),
    "deadline": ("deadline", _("Deadline"), ""),
    "responsible": ("responsible__last_name", _("Responsible"), ""),
    "provider": ("provider__name", _("Provider"), ""),
}


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool

    @classmethod
    def from_query(cls, query, default: str) -> "Sort":
        value = str(query.get("sort", ""))[:20] or default
        key = value.lstrip("-")
        if key not in QUEUE_SORTS:
            key, value = default.lstrip("-"), default
        return cls(key=key, descending=value.startswith("-"))

    @property
    def value(self) -> str:
        return f"{'-' if self.descending else ''}{self.key}"

    def apply(self, tickets):
        if self.value == "-weight":
            return tickets.by_queue_weight()
        column = F(QUEUE_SORTS[self.key][0])
        order = column.desc(nulls_last=True) if self.descending else column.asc(nulls_last=True)
        return tickets.order_by(order, "-id")

    def headers(self) -> dict:
        """For each column: the ?sort= value its header links to, and its arrow."""
        links = {}
        for key, (_column, label, first) in QUEUE_SORTS.items():
            if key == self.key:
                target, arrow = ("" if self.descending else "-") + key, "▼▲"[not self.descending]
            else:
                target, arrow = first + key, ""
            links[key] = {"sort": target, "arrow": arrow, "label": label}
        return links


def find_client(user, client_id):
    if not is_possible_id(client_id or ""):
        return None
    return searchable_clients(user).filter(pk=client_id).only("id", "name").first()


def client_chip(user):
    """The client the staff member narrowed the lists to (`ticket.setfilter`), if any."""
    return find_client(user, saved_params(user, SavedFilter.Kind.QUEUE_CLIENT).get("client"))


def client_name(user, client_id) -> str:
    """The name shown in the filter's client box for the chosen client number."""
    found = find_client(user, client_id)
    return found.name if found else ""


def shape_filter_form(form) -> None:
    """Compact widgets for the filter panel; the choices stay the filter's own."""
    form.fields["props"].widget = forms.CheckboxSelectMultiple(choices=form.fields["props"].choices)
    form.fields["priority"].choices = [("", _("any")), *Priority.choices]
    for name in ("created_from", "created_to"):
        form.fields[name].widget = forms.DateInput(attrs={"type": "date"})


def desk_row(ticket, now) -> dict:
    """The shared queue columns plus what the desk table shows beyond BILLmanager's: the
    status, the priorities in words, and "Unassigned" when only the department is
    responsible (the API keeps BILLmanager's department name there)."""
    return {
        **staff_row(ticket, now),
        "status": ticket.status,
        "status_label": ticket.get_status_display(),
        "priority_label": ticket.get_priority_display(),
        "client_priority": ticket.client_priority,
        "client_priority_label": ticket.get_client_priority_display(),
        "responsible": str(ticket.responsible) if ticket.responsible_id else _("Unassigned"),
        "responsible_id": ticket.responsible_id,
    }


COUNT_CAP = 1000


def bounded_count(tickets) -> tuple[int, bool]:
    """How many tickets the list has, counted up to COUNT_CAP only (never an exact count
    over a big table): (count, whether there are more)."""
    found = tickets.order_by().values("pk")[: COUNT_CAP + 1].count()
    return min(found, COUNT_CAP), found > COUNT_CAP


def ticket_rows(request, tickets, *, default_sort):
    sort = Sort.from_query(request.GET, default_sort)
    page = Page.read(
        request.GET.get("page"), request.GET.get("size"),
        sizes=PAGE_SIZES, default_size=DEFAULT_PAGE_SIZE, last=MAX_PAGE,
    )  # fmt: skip
    found, has_next = page.slice(sort.apply(tickets.with_list_columns(request.user)))
    now = timezone.now()
    count, more = bounded_count(tickets)
    return {
        "rows": [desk_row(ticket, now) for ticket in found],
        "count": count,
        "count_more": more,
        "sort": sort,
        "page": page,
        "has_next": has_next,
        "page_sizes": PAGE_SIZES,
    }


def render_queue_list(request, tickets, *, template, default_sort, filter_data=None, status=200):
    """A filtered list page; `filter_data` re-displays a filter that did not validate."""
    filterset, tickets = apply_staff_filters(tickets, request.user, data=filter_data)
    shape_filter_form(filterset.form)
    context = ticket_rows(request, tickets, default_sort=default_sort)
    context.update(
        filter=filterset,
        filter_client_name=client_name(request.user, filterset.form["client"].value()),
        client_chip=client_chip(request.user),
        newest_id=newest_id(tickets),
    )
    return render(request, template, context, status=status)


@role_required(Role.ADMIN, landing=True)
def queue(request):
    """The queue (`ticket`): tickets staff owe an answer, heaviest first."""
    tickets = visible_tickets(request.user).in_queue()
    return render_queue_list(
        request, tickets, template="desk/tickets/queue.html", default_sort="-weight"
    )


@role_required(Role.ADMIN)
def ticket_all(request):
    """Every ticket the staff member may see, closed and archived included. Filter
    parameters in the address (links from the reports) apply instead of the saved filter,
    without saving it."""
    tickets = visible_tickets(request.user)
    given = any(name in request.GET for name in StaffTicketFilter.base_filters)
    return render_queue_list(
        request, tickets, template="desk/tickets/ticket_all.html", default_sort="-number",
        filter_data=request.GET if given else None,
    )  # fmt: skip


POLL_LISTS = {"queue": True, "all": False}
MAX_NEW = 100


def newest_id(tickets) -> int:
    return tickets.order_by("-pk").values_list("pk", flat=True).first() or 0


@require_GET
@role_required(Role.ADMIN)
def ticket_changes(request):
    """What the live lists poll: how many tickets newer than `after` the user may see
    (at most 100), from one query on the primary key; the page reloads its rows then."""
    after = str(request.GET.get("after", ""))
    after = int(after) if is_possible_id(after) else 0
    tickets = visible_tickets(request.user)
    if POLL_LISTS.get(request.GET.get("list"), True):
        tickets = tickets.in_queue()
    found = list(
        tickets.filter(pk__gt=after).order_by("-pk").values_list("pk", flat=True)[:MAX_NEW]
    )
    return JsonResponse({"new": len(found), "newest": found[0] if found else after})
