"""Paid support's forms: the client's purchase (`incident`), and the desk's charge
(`ticket_expense`) and added incidents (`incident_count`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from helpdesk.incidents.actions import MAX_PURCHASE
from helpdesk.incidents.policies import incident_providers
from helpdesk.numbers import AmountField, IdChoiceField, WholeNumberField, money


class ProviderChoiceField(IdChoiceField):
    def label_from_instance(self, provider):
        return _("%(name)s — %(price)s %(currency)s per incident") % {
            "name": provider.name,
            "price": money(provider.incident_price),
            "currency": provider.currency,
        }


class IncidentPurchaseForm(forms.Form):
    provider = ProviderChoiceField(queryset=None, label=_("Provider"), empty_label=None)
    count = WholeNumberField(
        label=_("How many incidents"), min_value=1, max_value=MAX_PURCHASE, initial=1
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = incident_providers(user)

    def total_price(self):
        return self.cleaned_data["provider"].incident_price * self.cleaned_data["count"]


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
