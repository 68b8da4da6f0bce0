"""The tickets' forms, for the desk (staff) and the portal (clients). They only shape and
check input; every write goes through the actions, whose ActionError lands back on the
form (`helpdesk.errors.add_action_error`)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from helpdesk.ids import MAX_ID
from helpdesk.messages.actions import MAX_BODY_CHARS, MAX_FILES
from helpdesk.messages.forms import MultipleFileField, markdown_editor
from helpdesk.numbers import (
    AsciiDateField,
    AsciiTimeField,
    ClockInput,
    IdChoiceField,
    WholeNumberField,
)
from helpdesk.tickets import deadlines, policies
from helpdesk.tickets.filters import CLIENT_STATUSES, ClientTicketFilter, DayFilter
from helpdesk.tickets.models import Priority

# The desk.


class StaffReplyForm(forms.Form):
    message = forms.CharField(label=_("Reply"), widget=markdown_editor(), strip=False)
    files = MultipleFileField(label=_("Attachments"))

    aliases = {"file": "files"}


class NoteForm(forms.Form):
    note_message = forms.CharField(
        label=_("Internal note"), widget=markdown_editor(rows=3), strip=False
    )
    note_files = MultipleFileField(label=_("Attachments"))

    aliases = {"file": "note_files", "message": "note_message"}


class SeenMessageForm(forms.Form):
    """The id of the newest message the author saw, carried by the reply form."""

    seen_message_id = WholeNumberField(required=False, min_value=0, max_value=MAX_ID)


class MessageEditForm(forms.Form):
    message = forms.CharField(label=_("Text"), widget=markdown_editor(rows=10), strip=False)


PRIORITY_FLAGS = [
    ("", _("as set")),
    ("high", _("raised")),
    ("low", _("lowered")),
]


class SplitForm(forms.Form):
    """What the new ticket of a split is called and where it goes."""

    subject = forms.CharField(label=_("Subject of the new ticket"), max_length=255)
    department = IdChoiceField(label=_("Department of the new ticket"), queryset=None)

    def __init__(self, *args, user, ticket, **kwargs):
        kwargs.setdefault(
            "initial", {"subject": ticket.subject, "department": ticket.department_id}
        )
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = policies.assignable_departments(user)


class TicketParamsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=255)
    department = IdChoiceField(label=_("Department"), queryset=None)
    service = IdChoiceField(
        label=_("Service"), queryset=None, required=False, empty_label=_("— none —")
    )
    responsible = IdChoiceField(
        label=_("Responsible"), queryset=None, required=False, empty_label=_("the department")
    )
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)
    client_priority = forms.TypedChoiceField(
        label=_("Client priority"), choices=Priority.choices, coerce=int
    )
    priority_flag = forms.ChoiceField(
        label=_("Raise / lower"), choices=PRIORITY_FLAGS, required=False
    )
    deadline_date = AsciiDateField(
        label=_("Deadline date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[deadlines.validate_day],
    )
    deadline_time = AsciiTimeField(label=_("Deadline time"), required=False, widget=ClockInput())

    aliases = {"name": "subject", "ticket_item": "service", "high_priority": "priority_flag"}

    def __init__(self, *args, ticket, user, **kwargs):
        super().__init__(*args, initial=self.initial_of(ticket), **kwargs)
        self.fields["department"].queryset = policies.assignable_departments(user)
        self.fields["service"].queryset = policies.ticket_services(user, ticket)
        self.fields["responsible"].queryset = policies.assignable_responsibles(user, ticket)

    @staticmethod
    def initial_of(ticket) -> dict:
        deadline = timezone.localtime(ticket.deadline) if ticket.deadline else None
        flag = "high" if ticket.high_priority else "low" if ticket.low_priority else ""
        return {
            "subject": ticket.subject,
            "department": ticket.department_id,
            "service": ticket.service_id,
            "responsible": ticket.responsible_id,
            "priority": ticket.priority,
            "client_priority": ticket.client_priority,
            "priority_flag": flag,
            "deadline_date": deadline.date() if deadline else None,
            "deadline_time": deadline.time().replace(second=0, microsecond=0) if deadline else None,
        }

    def clean(self):
        data = super().clean()
        if bool(data.get("deadline_date")) != bool(data.get("deadline_time")):
            self.add_error("deadline_time", _("Give both the date and the time, or neither."))
        return data

    def changes(self) -> dict:
        """The changed parameters, as keyword arguments of actions.update_ticket."""
        data, changed = self.cleaned_data, set(self.changed_data)
        changes = {
            name: data[name]
            for name in ("subject", "department", "service", "responsible", "priority")
            if name in changed
        }
        if "client_priority" in changed:
            changes["client_priority"] = data["client_priority"]
        if "priority_flag" in changed:
            changes["high_priority"] = data["priority_flag"] == "high"
            changes["low_priority"] = data["priority_flag"] == "low"
        if changed & {"deadline_date", "deadline_time"}:
            changes["deadline"] = self.deadline()
        return changes

    def deadline(self):
        day, moment = self.cleaned_data.get("deadline_date"), self.cleaned_data.get("deadline_time")
        if not (day and moment):
            return None
        return deadlines.deadline_at(day, moment)


# The portal.

# The client forms' fields under BILLmanager's parameter names (ActionError.field).
ACTION_FIELDS = {
    "name": "subject",
    "subject": "subject",
    "message": "message",
    "client_department": "department",
    "ticket_item": "service",
    "client_priority": "client_priority",
    "file": "files",
}


class DepartmentSelect(forms.Select):
    """Options say which departments need a paid incident, for portal.js to point it out."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        department = getattr(value, "instance", None)
        if department is not None and department.requires_incident:
            option["attrs"]["data-requires-incident"] = "1"
        if department is not None:
            option["attrs"]["data-provider"] = str(department.provider_id)
        return option


class ServiceSelect(forms.Select):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        service = getattr(value, "instance", None)
        if service is not None:
            option["attrs"]["data-provider"] = str(service.provider_id)
        return option


class GroupedDepartmentField(IdChoiceField):
    """Departments grouped under their provider: the provider follows the department."""

    widget = DepartmentSelect

    def label_from_instance(self, department):
        if department.requires_incident:
            return _("%(name)s — paid, uses one incident") % {"name": department.name}
        return department.name

    def _get_choices(self):
        if self.queryset is None:
            return []
        groups = {}
        for department in self.queryset:
            value = self.prepare_value(department)
            value = forms.models.ModelChoiceIteratorValue(value, department)
            label = self.label_from_instance(department)
            groups.setdefault(department.provider.name, []).append((value, label))
        return [("", _("Choose a department")), *groups.items()]

    choices = property(_get_choices, forms.ModelChoiceField.choices.fset)


class ClientMessageForm(forms.Form):
    aliases = ACTION_FIELDS


def message_field(label):
    return forms.CharField(
        label=label,
        max_length=MAX_BODY_CHARS,
        widget=markdown_editor(rows=8),
        help_text=_("Markdown works here: **bold**, `code`, lists, links."),
    )


def files_help() -> str:
    return str(_("Up to %(n)s files.")) % {"n": MAX_FILES}


def files_field():
    # Lazy: the form is built once at import, in no request's language.
    return MultipleFileField(label=_("Attachments"), help_text=lazy(files_help, str)())


class NewTicketForm(ClientMessageForm):
    department = GroupedDepartmentField(queryset=None, label=_("Department"), empty_label=None)
    service = IdChoiceField(
        queryset=None,
        label=_("Service"),
        required=False,
        empty_label=_("Not about a particular service"),
        widget=ServiceSelect,
    )
    client_priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=[(value, capfirst(label)) for value, label in Priority.choices],
        coerce=int,
        initial=Priority.MEDIUM,
    )
    subject = forms.CharField(label=_("Subject"), max_length=255)
    message = message_field(_("Message"))
    files = files_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = policies.client_departments(user)
        self.fields["service"].queryset = policies.client_services(user)


class ClientReplyForm(ClientMessageForm):
    message = message_field(_("Your message"))
    files = files_field()


DATE_INPUT = forms.DateInput(attrs={"type": "date"})
ANY_YES_NO = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


class PortalTicketFilter(ClientTicketFilter):
    """The client's filter as the portal shows it: "any" choices and date pickers."""

    status = django_filters.TypedChoiceFilter(
        choices=[("", _("Any status")), *CLIENT_STATUSES], coerce=int, label=_("Status")
    )
    abuse = django_filters.BooleanFilter(
        method="filter_abuse",
        label=_("Related to a violation"),
        widget=forms.Select(choices=ANY_YES_NO),
    )
    created_from = DayFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Created from"), widget=DATE_INPUT
    )
    created_to = DayFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label=_("Created until"),
        widget=DATE_INPUT,
    )
