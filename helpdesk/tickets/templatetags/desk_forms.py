"""A desk form's fields, rendered by Jinja2 (see helpdesk/jinja_env.py): a form renders
several small templates a field, and the ticket page shows five forms."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def form_fields(form) -> str:
    fields = engines["jinja2"].get_template("desk/_fields.html")
    return mark_safe(fields.render({"form": form}))
