"""The lists' group actions panel: its choices come from the policies, bounded like every
choice list on the desk."""

from django import template

from helpdesk.tickets.models import Priority
from helpdesk.tickets.policies import assignable_departments, assignable_staff

register = template.Library()
MAX_CHOICES = 300


@register.inclusion_tag("desk/tickets/_group_actions.html", takes_context=True)
def group_actions_panel(context):
    user = context["request"].user
    return {
        "departments": list(assignable_departments(user)[:MAX_CHOICES]),
        "staff": list(assignable_staff(user)[:MAX_CHOICES]),
        "priorities": Priority.choices,
    }
