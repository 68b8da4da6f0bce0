"""Form widgets rendered by Jinja2.

A page's form widgets are many small templates (the filter panel alone renders 90 of them:
every option, every attribute list), and Django's template engine is the slowest part of
a list page. Django ships the same widget templates for Jinja2, which renders them several
times faster, with the same markup. A widget whose template exists only for Django's
engine (the Markdown editor's) is rendered by Django's.
"""

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class JinjaWidgets(Jinja2):
    fallback = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
