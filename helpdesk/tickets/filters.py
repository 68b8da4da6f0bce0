"""The list filters, shared by the desk, the portal and the /billmgr API, and the saved
filters that keep applying until changed or reset."""

from datetime import timedelta

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters import MultipleChoiceFilter
from django_filters import fields as filter_fields

from accounts.models import User
from helpdesk import clock
from helpdesk.favorites.models import Favorite
from helpdesk.ids import MAX_ID
from helpdesk.messages.models import Message
from helpdesk.numbers import AsciiDateField, ListedChoiceIterator, StrictIdMixin, WholeNumberField
from helpdesk.search import engine
from helpdesk.search.tickets import matching_ticket_ids
from helpdesk.tickets.models import Department, Priority, Provider, SavedFilter, Ticket
from helpdesk.tickets.policies import staff_departments, visible_tickets
from helpdesk.violations.models import Violation


class DayFilter(django_filters.DateFilter):
    field_class = AsciiDateField


class IdFilter(django_filters.NumberFilter):
    field_class = WholeNumberField


class IdChoiceField(StrictIdMixin, filter_fields.ModelChoiceField):
    iterator = ListedChoiceIterator


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


STAFF_PROPERTIES = [
    ("unread", _("unread")),
    ("favorite", _("favorite")),
    ("abuse", _("violation")),
    ("highpriority", _("priority raised")),
    ("lowpriority", _("priority lowered")),
    ("premium", _("paid support")),
    ("blocked", _("blocked")),
    ("from_gate", _("from email")),
]


class TicketFilterSet(django_filters.FilterSet):
    """Reads its data, from a request or a saved filter, as `filter_params_from` does."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = filter_params_from(data, type(self))
        super().__init__(data, *args, **kwargs)


STAFF_STATUSES = Ticket.Status.choices
RANGES = [("created_from", "created_to"), ("last_from", "last_to")]


class StaffFilterForm(forms.Form):
    def clean(self):
        """A range whose start is after its end finds nothing: refuse it and say why."""
        data = super().clean()
        for start, end in RANGES:
            if data.get(start) and data.get(end) and data[start] > data[end]:
                self.add_error(end, _("This date is before the one it starts from."))
        return data


class StaffTicketFilter(TicketFilterSet):
    """The one filter of the desk's lists, the search and `ticket`/`ticket_all`
    (`ticket.filter`, `ticket.setfilter` sets its client): saved per staff member, it
    applies until changed or reset."""

    id = IdFilter(label=_("Number"), min_value=1, max_value=MAX_ID)
    subject = django_filters.CharFilter(
        field_name="subject", lookup_expr="icontains", label=_("Subject contains")
    )
    client = IdFilter(field_name="client_id", label=_("Client"), min_value=1, max_value=MAX_ID)
    provider = IdChoiceFilter(queryset=Provider.objects.all(), label=_("Provider"))
    department = IdChoiceFilter(queryset=Department.objects.none(), label=_("Department"))
    responsible = IdChoiceFilter(queryset=User.objects.none(), label=_("Responsible"))
    priority = django_filters.TypedChoiceFilter(
        choices=Priority.choices, coerce=int, label=_("Priority")
    )
    props = django_filters.MultipleChoiceFilter(
        choices=STAFF_PROPERTIES, method="filter_props", label=_("Properties"), conjoined=True
    )
    service_kind = django_filters.CharFilter(
        field_name="service__kind", lookup_expr="iexact", label=_("Service type")
    )
    created_from = DayFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Created from")
    )
    created_to = DayFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Created until")
    )
    status = django_filters.TypedMultipleChoiceFilter(
        choices=STAFF_STATUSES, coerce=int, label=_("Status")
    )
    last_from = DayFilter(
        field_name="last_message_at", lookup_expr="date__gte", label=_("Last message from")
    )
    last_to = DayFilter(
        field_name="last_message_at", lookup_expr="date__lte", label=_("Last message until")
    )
    text = django_filters.CharFilter(
        method="filter_text", label=_("Text (subject and messages)"), max_length=200
    )

    class Meta:
        model = Ticket
        fields = []
        form = StaffFilterForm

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        departments = staff_departments(user).select_related("provider")
        self.filters["department"].queryset = departments
        self.filters["responsible"].queryset = User.objects.filter(
            departments__in=departments
        ).distinct()

    def filter_text(self, queryset, name, value):
        return with_text(queryset, value, self.user)

    def filter_props(self, queryset, name, values):
        for value in values:
            queryset = queryset.filter(self.property_condition(value))
        return queryset

    def property_condition(self, value):
        favorites = Favorite.objects
        violations = Violation.objects
        return {
            "unread": Q(unread_by_staff=True),
            "favorite": Q(Exists(favorites.filter(user=self.user, ticket=OuterRef("pk")))),
            "abuse": Q(Exists(violations.filter(ticket=OuterRef("pk")))),
            "highpriority": Q(high_priority=True),
            "lowpriority": Q(low_priority=True),
            "premium": Q(client__premium=True),
            "blocked": Q(blocked_by__isnull=False, blocked_at__gte=live_block_start()),
            "from_gate": Q(from_gate=True),
        }[value]


def with_text(tickets, text: str, user):
    """Tickets of the search's candidates for the words (the newest matches of the
    subjects and of the messages the user may search, as the search page and `/billmgr`
    `search=` read them): a semi-join over every matching message took seconds at a
    million tickets. No words, no narrowing."""
    text = " ".join(str(text or "").split())[:200]
    if not engine.words(text):
        return tickets
    return tickets.filter(pk__in=matching_ticket_ids(user, text, visible_tickets(user)))


def live_block_start():
    """Blocks taken before this moment have expired."""
    return clock.now() - timedelta(minutes=settings.HELPDESK["BLOCK_MINUTES"])


CLIENT_STATUSES = [
    (Ticket.Status.NEW, _("new")),
    (Ticket.Status.UNDER_REVIEW, _("under review")),
    (Ticket.Status.AWAITING_RESPONSE, _("awaiting your response")),
    (Ticket.Status.CLOSED, _("closed")),
]


class ClientTicketFilter(TicketFilterSet):
    """The client's filter of their tickets (`clientticket.filter`)."""

    id = IdFilter(label=_("Number"), min_value=1, max_value=MAX_ID)
    subject = django_filters.CharFilter(lookup_expr="icontains", label=_("Subject contains"))
    message = django_filters.CharFilter(method="filter_message", label=_("Message text contains"))
    status = django_filters.TypedMultipleChoiceFilter(
        choices=CLIENT_STATUSES, coerce=int, label=_("Status")
    )
    abuse = django_filters.BooleanFilter(method="filter_abuse", label=_("Related to a violation"))
    created_from = DayFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Created from")
    )
    created_to = DayFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Created until")
    )

    class Meta:
        model = Ticket
        fields = []

    def filter_message(self, queryset, name, value):
        messages = Message.objects.visible_to_client()
        matching = messages.filter(ticket=OuterRef("pk"), body__icontains=value)
        return queryset.filter(Exists(matching))

    def filter_abuse(self, queryset, name, value):
        violations = Violation.objects
        exists = Exists(violations.filter(ticket=OuterRef("pk")))
        return queryset.filter(exists if value else ~exists)


def saved_params(user, kind) -> dict:
    saved = SavedFilter.objects.filter(user=user, kind=kind).first()
    return dict(saved.params) if saved and isinstance(saved.params, dict) else {}


def save_params(user, kind, params: dict) -> None:
    """Keep only the filter's own, non-empty parameters; an empty filter is a reset."""
    cleaned = {key: value for key, value in params.items() if value not in ("", None, [])}
    if not cleaned:
        SavedFilter.objects.filter(user=user, kind=kind).delete()
        return
    SavedFilter.objects.update_or_create(user=user, kind=kind, defaults={"params": cleaned})


def filter_params_from(data, filterset_class) -> dict:
    """The filter's own fields out of a request's data (or a saved filter): a list for a
    field that takes several values, else the last value given, as a QueryDict reads it.
    A date given twice is then one date, never a list that its field cannot read."""
    params = {}
    for name, each in filterset_class.base_filters.items():
        values = [value for value in values_of(data, name) if value != ""]
        if values:
            params[name] = values if isinstance(each, MultipleChoiceFilter) else values[-1]
    return params


def values_of(data, name) -> list:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    return [str(each) for each in value] if isinstance(value, list) else [str(value or "")]


def filtered(filterset, queryset):
    """`queryset` through the filter when it is valid. A filter that is not (a saved one
    naming a department the user left, say) is not applied: the list shows everything
    and the filter's errors say why. The desk, the portal and the API all read it so."""
    return filterset.filter_queryset(queryset) if filterset.is_valid() else queryset


def set_filter_client(user, client_id) -> None:
    """The client chip (`ticket.setfilter`): the client of the one saved filter, the rest
    of it kept; None takes the client out."""
    params = saved_params(user, SavedFilter.Kind.QUEUE)
    params["client"] = client_id
    save_params(user, SavedFilter.Kind.QUEUE, params)


def apply_staff_filters(queryset, user, *, data=None):
    """Scope → the one filter (saved, or `data` when given). A saved filter that is no
    longer valid (say, a department the staff member left) is not applied; the filterset
    carries its errors for the page to show."""
    params = data if data is not None else saved_params(user, SavedFilter.Kind.QUEUE)
    filterset = StaffTicketFilter(params, queryset=queryset, user=user)
    return filterset, filtered(filterset, queryset)
