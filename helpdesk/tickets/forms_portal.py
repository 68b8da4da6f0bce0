"""The forms of the client portal: a new ticket, a reply, the ticket filter."""

import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import MarkdownxWidget

from helpdesk.errors import ActionError
from helpdesk.messages.actions import MAX_BODY_CHARS, MAX_FILES
from helpdesk.messages.forms import MultipleFileField
from helpdesk.numbers import IdChoiceField
from helpdesk.tickets import policies
from helpdesk.tickets.filters import CLIENT_STATUSES, ClientTicketFilter, DayFilter
from helpdesk.tickets.models import Priority

# ActionError.field (BILLmanager's parameter names) → the form field it is about.
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


class MessageFieldsMixin:
    def add_error_from(self, error: ActionError) -> None:
        self.add_error(ACTION_FIELDS.get(error.field), error.message)


def message_field(label):
    return forms.CharField(
        label=label,
        max_length=MAX_BODY_CHARS,
        widget=MarkdownxWidget(attrs={"rows": 8}),
        help_text=_("Markdown works here: **bold**, `code`, lists, links."),
    )


def files_field():
    return MultipleFileField(
        label=_("Attachments"), help_text=_("Up to %(n)s files.") % {"n": MAX_FILES}
    )


class NewTicketForm(MessageFieldsMixin, forms.Form):
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


class ReplyForm(MessageFieldsMixin, forms.Form):
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
