"""The client's purchase of paid incidents (`incident`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from helpdesk.incidents.actions import MAX_PURCHASE
from helpdesk.incidents.policies import incident_providers
from helpdesk.numbers import IdChoiceField, WholeNumberField


class ProviderChoiceField(IdChoiceField):
    def label_from_instance(self, provider):
        return _("%(name)s — %(price)s %(currency)s per incident") % {
            "name": provider.name,
            "price": provider.incident_price,
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
