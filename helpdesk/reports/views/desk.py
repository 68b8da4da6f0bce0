"""The reports on the desk: one page per report with its chart and tables, and the same
tables as CSV."""

import csv

from django.http import HttpResponse
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role
from helpdesk import clock
from helpdesk.reports.figures import clients_report, load_report, response_report
from helpdesk.reports.forms import ReportForm

PAGES = {
    "response": ("desk:report_response", "desk:report_response_csv"),
    "load": ("desk:report_load", "desk:report_load_csv"),
    "clients": ("desk:report_clients", "desk:report_clients_csv"),
}


def build(name, form):
    scope = form.scope()
    if name == "response":
        return response_report(scope, form.chosen_group())
    if name == "load":
        return load_report(scope, form.chosen_step())
    return clients_report(scope)


def report_form(request):
    return ReportForm(request.GET, user=request.user, today=clock.localdate())


def report_page(request, name):
    form = report_form(request)
    if not form.is_valid():
        context = {"form": form, "name": name, "pages": PAGES, "report": None}
        return render(request, "desk/reports/report.html", context, status=400)
    context = {"form": form, "name": name, "pages": PAGES, "report": build(name, form),
               "query": request.GET.urlencode()}  # fmt: skip
    return render(request, "desk/reports/report.html", context)


def report_csv(request, name):
    form = report_form(request)
    if not form.is_valid():
        errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    scope = form.scope()
    filename = f"report-{name}-{scope.first.isoformat()}-{scope.last.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_csv(response, build(name, form))
    return response


def write_csv(stream, report) -> None:
    """Every table of the report, each under its name, a blank line between them."""
    writer = csv.writer(stream)
    for index, table in enumerate(report.tables):
        if index:
            writer.writerow([])
        writer.writerow([table.name])
        writer.writerow([str(label) for _key, label in table.columns])
        for row in table.rows:
            writer.writerow([csv_value(row.get(key)) for key, _label in table.columns])


def csv_value(value):
    """Text that a spreadsheet would run as a formula is kept as text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not is_number(text) else text


def is_number(text) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def report_view(name, respond, suffix=""):
    """The desk view of one report: `respond` is its page or its CSV."""

    @role_required(Role.ADMIN)
    def view(request):
        return respond(request, name)

    view.__name__ = view.__qualname__ = f"report_{name}{suffix}"
    return view


report_response, report_load, report_clients = (report_view(name, report_page) for name in PAGES)
report_response_csv, report_load_csv, report_clients_csv = (
    report_view(name, report_csv, "_csv") for name in PAGES
)
