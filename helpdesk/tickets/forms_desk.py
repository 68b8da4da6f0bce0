"""The staff desk's forms. They only shape and check input; every write goes through the
actions, whose ActionError lands back on the form (see `add_action_error`)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import MarkdownxWidget

from helpdesk.ids import MAX_ID
from helpdesk.messages.forms import MultipleFileField
from helpdesk.numbers import (
    AmountField,
    AsciiDateField,
    AsciiTimeField,
    IdChoiceField,
    WholeNumberField,
)
from helpdesk.tickets import deadlines, policies
from helpdesk.tickets.models import Priority
from helpdesk.violations.models import Violation


def markdown_editor(rows=6):
    return MarkdownxWidget(attrs={"rows": rows})


def add_action_error(form, error, aliases=None) -> None:
    """Put an action's refusal on the field it is about (BILLmanager's parameter names are
    translated by `aliases`), else on the whole form."""
    field = (aliases or {}).get(error.field, error.field)
    form.add_error(field if field in form.fields else None, str(error.message))


class ReplyForm(forms.Form):
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
    deadline_time = AsciiTimeField(
        label=_("Deadline time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

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


class ViolationForm(forms.Form):
    score = WholeNumberField(label=_("Points"), min_value=0, max_value=10_000, initial=1)
    score_note = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea({"rows": 2})
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=Violation.Action.choices,
        initial=Violation.Action.FORWARD,
        widget=forms.RadioSelect,
    )

    aliases = {"note": "score_note"}


class ChargeForm(forms.Form):
    amount = AmountField(
        label=_("Amount"), max_digits=12, decimal_places=2, min_value=0.01, max_value=999_999_999
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=255)

    aliases = {"ticket_expense": "amount"}


class IncidentsForm(forms.Form):
    incident_count = WholeNumberField(
        label=_("Incidents to add"), min_value=1, max_value=1000, initial=1
    )
