from django import forms
from django.utils.translation import gettext_lazy as _

from helpdesk.messages.forms import markdown_editor
from helpdesk.numbers import IdChoiceField
from helpdesk.replies.models import ReplyTemplate
from helpdesk.tickets.models import Provider
from helpdesk.tickets.policies import staff_departments


class ReplyTemplateForm(forms.Form):
    """A reply template as the desk edits it; the action checks the rest (variables,
    whether the user may own this scope)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    body = forms.CharField(label=_("Text"), widget=markdown_editor(rows=8), strip=False)
    scope = forms.ChoiceField(label=_("For"), choices=ReplyTemplate.Scope.choices)
    department = IdChoiceField(
        label=_("Department"), queryset=None, required=False, empty_label=_("— none —"),
    )  # fmt: skip
    provider = IdChoiceField(
        label=_("Provider"), queryset=Provider.objects.all(), required=False,
        empty_label=_("every provider"),
    )  # fmt: skip

    aliases = {"message": "body", "template_type": "scope"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = staff_departments(user).select_related("provider")
        self.fields["department"].queryset = departments

    @classmethod
    def initial_of(cls, template) -> dict:
        return {
            "name": template.name, "body": template.body, "scope": template.scope,
            "department": template.department_id, "provider": template.provider_id,
        }  # fmt: skip
