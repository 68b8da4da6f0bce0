"""The desk's ticket lists: the queue (`ticket`) and all tickets (`ticket_all`). Rows are
paged without counting the table: one row more than the page tells whether a next page
exists."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.decorators import role_required
from accounts.policies import searchable_clients
from accounts.roles import Role
from helpdesk import clock
from helpdesk.ids import is_possible_id
from helpdesk.numbers import AsciiDateField
from helpdesk.paging import Keyset, page_size, pager
from helpdesk.tickets import live
from helpdesk.tickets.conditions import active_conditions, empty_sentence, emptying_conditions
from helpdesk.tickets.filters import StaffTicketFilter, apply_staff_filters, filter_params_from
from helpdesk.tickets.listing import staff_row, ticket_url_maker
from helpdesk.tickets.models import Priority, Ticket
from helpdesk.tickets.policies import visible_tickets
from helpdesk.tickets.views.desk.saved_views import user_views

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    first: str  # the direction of the first click: "-" newest/heaviest first
    nullable: bool = False
    tie: str = ""  # "asc": ties by id oldest first whatever the direction (the queue)


# ?sort= key → the column it sorts by, each under an index (column, id): see
# docs/performance.md. Names are the ticket's own sort keys (sort_keys.py), not joins.
QUEUE_SORTS = {
    "weight": Column("queue_key", _("Queue"), "-", tie="asc"),
    "number": Column("id", _("Ticket"), "-"),
    "subject": Column("subject", _("Subject"), ""),
    "client": Column("sort_client", _("Client"), ""),
    "delay": Column("waiting_since", _("Delay"), "", nullable=True),
    "deadline": Column("deadline", _("Deadline"), "", nullable=True),
    "responsible": Column("sort_responsible", _("Responsible"), ""),
    "provider": Column("sort_provider", _("Provider"), ""),
    "created": Column("created_at", _("Created"), "-"),
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

    @property
    def keyset(self) -> Keyset:
        column = QUEUE_SORTS[self.key]
        tie = False if column.tie == "asc" else None
        return Keyset(column.field, self.descending, column.nullable, tie_descending=tie)

    def headers(self) -> dict:
        """For each column: the ?sort= value its header links to, and its arrow."""
        links = {}
        for key, column in QUEUE_SORTS.items():
            if key == self.key:
                target, arrow = ("" if self.descending else "-") + key, "▼▲"[not self.descending]
            else:
                target, arrow = column.first + key, ""
            links[key] = {"sort": target, "arrow": arrow, "label": column.label}
        return links


def find_client(user, client_id):
    if not is_possible_id(client_id or ""):
        return None
    return searchable_clients(user).filter(pk=client_id).only("id", "name").first()


def filter_context(request, filterset) -> dict:
    """The filter panel, the client chip and the chips of the active conditions: one
    filter, so the chip, the panel's client box and the chips always agree."""
    shape_filter_form(filterset.form)
    chosen = find_client(request.user, filterset.data.get("client"))
    name = chosen.name if chosen else ""
    views = user_views(request.user)
    return {
        "saved_views": [
            {"view": view, "current": same_filter(view.params, filterset.data)} for view in views
        ],
        "filter": filterset,
        "filter_client_name": name,
        "client_chip": chosen,
        # A filter that does not validate is not applied: no chips claim it is.
        "conditions": [
            condition
            for condition in active_conditions(filterset, client_name=name)
            if condition.name != "client"
        ]
        if filterset.is_valid()
        else [],
    }


def same_filter(params, data) -> bool:
    return bool(data) and filter_params_from(params, StaffTicketFilter) == dict(data)


def shape_filter_form(form) -> None:
    """Compact widgets for the filter panel; the choices stay the filter's own."""
    for name in ("props", "status"):
        form.fields[name].widget = forms.CheckboxSelectMultiple(choices=form.fields[name].choices)
    form.fields["priority"].choices = [("", _("any")), *Priority.choices]
    for name in ("created_from", "created_to", "last_from", "last_to"):
        form.fields[name].widget = forms.DateInput(attrs={"type": "date"})


@dataclass(frozen=True)
class RowTexts:
    """What every row of a page says around its own values, translated once a page (a
    row costs no translation or URL reversing of its own)."""

    tick: str
    filter_by: str
    client_level: str
    unassigned: str
    url: Callable[[int], str]
    statuses: dict
    priorities: dict

    @classmethod
    def for_page(cls) -> "RowTexts":
        return cls(
            tick=gettext("Tick ticket %(id)s"),
            filter_by=gettext("Filter by %(client)s"),
            client_level=gettext("client: %(level)s"),
            unassigned=gettext("Unassigned"),
            url=ticket_url_maker("desk:ticket_edit"),
            # `get_FOO_display()` rebuilds the choices and translates on every call.
            statuses={value: str(label) for value, label in Ticket.Status.choices},
            priorities={value: str(label) for value, label in Priority.choices},
        )


def desk_row(ticket, now, texts: RowTexts) -> dict:
    """The shared queue columns plus what the desk table shows beyond BILLmanager's: the
    status, the priorities in words, and "Unassigned" when only the department is
    responsible (the API keeps BILLmanager's department name there)."""
    row = staff_row(ticket, now)
    differs = ticket.client_priority != ticket.priority
    return {
        **row,
        "url": texts.url(ticket.pk),
        "tick_label": texts.tick % {"id": ticket.pk},
        "filter_label": texts.filter_by % {"client": row["client"]},
        "status": ticket.status,
        "status_label": texts.statuses[ticket.status],
        "changed": live.stamp(ticket.changed_at),  # the live lists compare it
        "priority_label": texts.priorities[ticket.priority],
        "client_priority_text": (
            texts.client_level % {"level": texts.priorities[ticket.client_priority]}
            if differs
            else ""
        ),
        "responsible": str(ticket.responsible) if ticket.responsible_id else texts.unassigned,
        "responsible_id": ticket.responsible_id,
    }


COUNT_CAP = 1000


def bounded_count(tickets) -> tuple[int, bool]:
    """How many tickets the list has, counted up to COUNT_CAP only (never an exact count
    over a big table): (count, whether there are more)."""
    found = tickets.order_by().values("pk")[: COUNT_CAP + 1].count()
    return min(found, COUNT_CAP), found > COUNT_CAP


def ticket_rows(request, tickets, *, default_sort):
    """One page of a list, read from the row named by `after` (or, going back, `before`)
    on; `date` (all tickets) starts the list sorted by creation at that day."""
    query = request.GET
    sort = Sort.from_query(query, default_sort)
    size = page_size(query.get("size"), sizes=PAGE_SIZES, default=DEFAULT_PAGE_SIZE)
    day = read_day(query.get("date"))
    if day is not None:
        sort = Sort(key="created", descending=True)
    keyset = sort.keyset
    after = day_cursor(day) if day else keyset.cursor(tickets, query.get("after"))
    before = None if day else keyset.cursor(tickets, query.get("before"))
    with_columns = tickets.with_list_columns(request.user)
    found, has_previous, has_next = keyset.page(
        tickets, size=size, after=after, before=before, fetch=with_columns.in_bulk
    )
    now, texts = clock.now(), RowTexts.for_page()
    count, more = bounded_count(tickets)
    return {
        "rows": [desk_row(ticket, now, texts) for ticket in found],
        "count": count,
        "count_more": more,
        "sort": sort,
        **pager(found, size=size, has_previous=has_previous, has_next=has_next, sizes=PAGE_SIZES),
        "jump_date": day,
        "live_since": live.stamp(now),
    }


def read_day(value):
    try:
        return AsciiDateField(required=False).clean(str(value or "")[:20]) or None
    except ValidationError:
        return None


def day_cursor(day):
    """A place, not a row: just after the end of `day` in newest-first creation order,
    so the page opens with the last tickets created that day."""
    zone = timezone.get_current_timezone()
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return CursorAt(created_at=end, pk=0)


@dataclass(frozen=True)
class CursorAt:
    created_at: datetime
    pk: int


def render_queue_list(request, tickets, *, template, default_sort, filter_data=None, status=200):
    """A filtered list page; `filter_data` re-displays a filter that did not validate."""
    base = tickets
    filterset, tickets = apply_staff_filters(tickets, request.user, data=filter_data)
    context = ticket_rows(request, tickets, default_sort=default_sort)
    context.update(filter_context(request, filterset))
    if not context["rows"] and filterset.data and filterset.is_valid():
        conditions = active_conditions(filterset, client_name=context["filter_client_name"])
        culprits = emptying_conditions(request.user, base, filterset.data, conditions)
        context["empty_reason"] = empty_sentence(culprits)
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
