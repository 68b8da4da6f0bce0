"""The report filter: a period (last 7/30/90 days or a custom range) and department,
provider and staff member, read the same by the desk pages, the CSV and the API."""

from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from helpdesk.numbers import AsciiDateField, IdChoiceField
from helpdesk.tickets.deadlines import FIRST_YEAR
from helpdesk.tickets.models import Provider
from helpdesk.tickets.policies import staff_departments

PERIODS = [
    ("7", _("last 7 days")),
    ("30", _("last 30 days")),
    ("90", _("last 90 days")),
    ("custom", _("custom range")),
]
DEFAULT_PERIOD = "30"
LONGEST_RANGE_DAYS = 366
GROUPS = [
    ("department", _("department")),
    ("provider", _("provider")),
    ("staff", _("staff member")),
    ("priority", _("priority")),
    ("week", _("week")),
]
STEPS = [("day", _("day")), ("week", _("week"))]


@dataclass(frozen=True)
class Scope:
    """What a report covers: the days (both included) and the filters chosen."""

    user: User
    first: date
    last: date
    department: object = None
    provider: object = None
    staff: object = None


class ReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    start = AsciiDateField(label=_("From"), required=False)
    end = AsciiDateField(label=_("Until"), required=False)
    department = IdChoiceField(label=_("Department"), queryset=None, required=False)
    provider = IdChoiceField(label=_("Provider"), queryset=None, required=False)
    staff = IdChoiceField(label=_("Staff member"), queryset=None, required=False)
    group = forms.ChoiceField(label=_("Per"), choices=GROUPS, required=False)
    step = forms.ChoiceField(label=_("Per"), choices=STEPS, required=False)

    def __init__(self, data, *, user, today: date):
        super().__init__(data)
        self.user, self.today = user, today
        departments = staff_departments(user).select_related("provider").order_by("name")
        self.fields["department"].queryset = departments
        self.fields["provider"].queryset = Provider.objects.filter(
            departments__in=staff_departments(user)
        ).distinct().order_by("name")  # fmt: skip
        self.fields["staff"].queryset = (
            User.objects.filter(departments__in=staff_departments(user))
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        for name in ("start", "end"):
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"})

    def clean(self):
        data = super().clean()
        period = data.get("period") or DEFAULT_PERIOD
        if period != "custom":
            data["first"] = self.today - timedelta(days=int(period) - 1)
            data["last"] = self.today
            return data
        first, last = data.get("start"), data.get("end")
        if "start" in self.errors or "end" in self.errors:
            return data
        if first is None or last is None:
            raise forms.ValidationError(_("A custom range needs both its first and last day."))
        if first > last:
            raise forms.ValidationError(_("The period starts after it ends: swap the dates."))
        if (last - first).days >= LONGEST_RANGE_DAYS or first.year < FIRST_YEAR:
            raise forms.ValidationError(
                _("Choose at most %(days)s days.") % {"days": LONGEST_RANGE_DAYS}
            )
        data["first"], data["last"] = first, last
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(
            user=self.user,
            first=data["first"],
            last=data["last"],
            department=data.get("department"),
            provider=data.get("provider"),
            staff=data.get("staff"),
        )

    def chosen_group(self) -> str:
        return self.cleaned_data.get("group") or "department"

    def chosen_step(self) -> str:
        return self.cleaned_data.get("step") or "day"
