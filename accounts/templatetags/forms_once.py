from django import template
from django.utils.html import format_html

from accounts.submit_once import FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token():
    """A hidden one-time token for forms whose view is wrapped in @submit_once."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
