"""The floor of this stack: what a desk list page costs with nothing of the desk in it.
Every middleware, the session and the logged-in user as on any page, one SQL query for 50
tickets (the list's rows, no joins), and a 50-row, 12-column table with a link and a
checkbox a row, rendered by Django's template engine or by Jinja2. Served only by the
benchmark's settings (bench/settings.py): /floor/django/ and /floor/jinja/."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from helpdesk.tickets.models import Ticket

TABLE = """<!doctype html><html lang="en"><head><title>Floor</title></head><body><main>
<table><thead><tr>{% for name in columns %}<th>{{ name }}</th>{% endfor %}</tr></thead><tbody>
{% for row in rows %}<tr data-ticket="{{ row.0 }}">
<td><input type="checkbox" name="elid" value="{{ row.0 }}"></td>
<td><a href="/desk/tickets/{{ row.0 }}/">#{{ row.0 }}</a></td><td>{{ row.1 }}</td>
<td>{{ row.2 }}</td><td>{{ row.3 }}</td><td>{{ row.4 }}</td><td>{{ row.5 }}</td>
<td>{{ row.6 }}</td><td>{{ row.7 }}</td><td>{{ row.8 }}</td><td>{{ row.9 }}</td>
<td>{{ row.10 }}</td></tr>
{% endfor %}</tbody></table></main></body></html>"""
COLUMNS = ("id", "subject", "status", "priority", "client_id", "provider_id", "department_id",
           "responsible_id", "created_at", "waiting_since", "deadline")  # fmt: skip
TEMPLATES = {engine: engines[engine].from_string(TABLE) for engine in ("django", "jinja2")}


def floor_page(request, engine):
    rows = [
        [str(value) if value is not None else "" for value in row]
        for row in Ticket.objects.order_by("-id").values_list(*COLUMNS)[:50]
    ]  # text, as a list's cells are: Django's engine would localise dates and numbers
    html = TEMPLATES[engine].render({"rows": rows, "columns": COLUMNS}, request)
    return HttpResponse(html)


urlpatterns = [
    path("floor/django/", floor_page, {"engine": "django"}),
    path("floor/jinja/", floor_page, {"engine": "jinja2"}),
]
