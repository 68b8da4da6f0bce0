"""The one filter's active conditions in words, for the chips above a list, and which of
them emptied a list that shows nothing."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from helpdesk.tickets.filters import StaffTicketFilter, filtered

MAX_CONDITIONS = 20


@dataclass(frozen=True)
class Condition:
    name: str  # the filter's field, which the chip's × removes
    label: str
    value: str

    def __str__(self):
        return f"{self.label}: {self.value}"


def active_conditions(filterset, *, client_name: str = "") -> list[Condition]:
    """What the filter narrows by, in the order of its fields. A filter that does not
    validate shows its saved values as given: the page says what is wrong with them."""
    form = filterset.form
    valid = filterset.is_valid()
    found = []
    for name, field in form.fields.items():
        raw = filterset.data.get(name)
        if raw in (None, "", []):
            continue
        value = form.cleaned_data.get(name) if valid else raw
        found.append(Condition(name, str(field.label), describe(field, name, value, client_name)))
    return found[:MAX_CONDITIONS]


def describe(field, name, value, client_name) -> str:
    if name == "client":
        return client_name or f"#{value}"
    if hasattr(value, "pk"):  # a provider, department or staff member
        return str(value)
    choices = {str(key): label for key, label in getattr(field, "choices", ())}
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(str(each), each)) for each in value)
    if choices and str(value) in choices:
        return str(choices[str(value)])
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def emptying_conditions(user, base, params, conditions) -> list[Condition]:
    """The conditions without each of which the list would show something: the ones that
    emptied it (all of them when no single one did). Asked only for an empty list, one
    query per condition."""
    if len(conditions) <= 1:
        return conditions
    culprits = []
    for condition in conditions:
        rest = {key: value for key, value in params.items() if key != condition.name}
        filterset = StaffTicketFilter(rest, queryset=base, user=user)
        if filtered(filterset, base).exists():
            culprits.append(condition)
    return culprits or conditions


def empty_sentence(culprits) -> str:
    return _("No tickets match %(conditions)s.") % {
        "conditions": "; ".join(str(condition) for condition in culprits)
    }
