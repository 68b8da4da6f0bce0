"""The desk's abuse forms: a case on a ticket (`show_abuse`), a new case, the Abuse list's
filter, a new deadline, resuming a service."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from helpdesk import clock
from helpdesk.numbers import AsciiDateField, AsciiTimeField, ClockInput, WholeNumberField
from helpdesk.tickets import deadlines
from helpdesk.violations.models import Violation

DEFAULT_DAYS_TO_ANSWER = 1


def default_deadline():
    return clock.localtime() + timedelta(days=DEFAULT_DAYS_TO_ANSWER)


class DeadlineMixin:
    """`deadline_date` + `deadline_time` in the installation's time zone → `deadline`."""

    def clean(self):
        data = super().clean()
        day, moment = data.get("deadline_date"), data.get("deadline_time")
        if day and moment:
            try:
                data["deadline"] = deadlines.deadline_at(day, moment)
            except ValidationError as error:
                self.add_error("deadline_date", error)
        return data


def deadline_fields():
    return (
        AsciiDateField(
            label=_("Deadline for the answer"), initial=lambda: default_deadline().date(),
            widget=forms.DateInput(attrs={"type": "date"}),
            validators=[deadlines.validate_day],
        ),
        AsciiTimeField(
            label=_("Time"),
            initial=lambda: default_deadline().time().replace(second=0, microsecond=0),
            widget=ClockInput(),
        ),
    )  # fmt: skip


class ViolationForm(DeadlineMixin, forms.Form):
    score = WholeNumberField(label=_("Points"), min_value=0, max_value=10_000, initial=1)
    score_note = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea({"rows": 2})
    )
    client_message = forms.CharField(
        label=_("Message to the client"), required=False, max_length=100_000, strip=False,
        widget=forms.Textarea({"rows": 3}),
    )  # fmt: skip
    action = forms.ChoiceField(
        label=_("Action at the deadline"),
        choices=Violation.Action.choices,
        initial=Violation.Action.FORWARD,
        widget=forms.RadioSelect,
    )
    deadline_date, deadline_time = deadline_fields()

    aliases = {"note": "score_note", "message": "client_message"}

    def needs_confirmation(self) -> bool:
        """Suspending actions are sent twice: first to see what they will suspend."""
        suspends = self.cleaned_data["action"] != Violation.Action.FORWARD
        return suspends and self.data.get("confirmed") != "on"


class NewCaseForm(ViolationForm):
    """A case about a client with no ticket yet: the client and service by number, so no
    list of every client is ever rendered."""

    client = WholeNumberField(label=_("Client number"), min_value=1)
    service = WholeNumberField(label=_("Service number"), min_value=1, required=False)
    department = forms.ModelChoiceField(label=_("Department that receives the answer"),
                                        queryset=None)  # fmt: skip
    subject = forms.CharField(label=_("Subject"), max_length=255)
    field_order = ["client", "service", "department", "subject", "client_message"]

    aliases = {"account": "client", "item": "service", "ticket_item": "service",
               "name": "subject", "note": "score_note", "message": "client_message"}  # fmt: skip

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["client_message"].required = True


class CaseFilterForm(forms.Form):
    STATUSES = [("", _("every status")), *Violation.Status.choices]
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    client = forms.CharField(label=_("Client name"), required=False, max_length=200)


class ExtendForm(DeadlineMixin, forms.Form):
    deadline_date, deadline_time = deadline_fields()


class ResumeForm(forms.Form):
    reason = forms.CharField(label=_("Why is the service resumed?"), max_length=255)
