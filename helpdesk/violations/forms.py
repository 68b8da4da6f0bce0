"""The desk's violation form (`show_abuse`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from helpdesk.numbers import WholeNumberField
from helpdesk.violations.models import Violation


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
