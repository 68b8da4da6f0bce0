"""report.support: the desk's support reports, the same tables as the page and its CSV."""

from django.utils.translation import gettext as _

from helpdesk import clock
from helpdesk.api.registry import STAFF, function
from helpdesk.api.wire import text
from helpdesk.errors import ActionError
from helpdesk.reports.figures import clients_report, load_report, response_report
from helpdesk.reports.forms import ReportForm

REPORT_NAMES = ("response", "load", "clients")


@function("report.support", who=STAFF)
def support(call):
    """`report` = response (default), load or clients; the page's filter parameters."""
    name = call.get("report").strip() or "response"
    if name not in REPORT_NAMES:
        names = ", ".join(REPORT_NAMES)
        raise ActionError(_("report must be one of: %(names)s.") % {"names": names}, field="report")
    form = ReportForm(call.params, user=call.user, today=clock.localdate())
    if not form.is_valid():
        field, problems = next(iter(form.errors.items()))
        raise ActionError(" ".join(problems), field="period" if field == "__all__" else field)
    scope = form.scope()
    report = {
        "response": lambda: response_report(scope, form.chosen_group()),
        "load": lambda: load_report(scope, form.chosen_step()),
        "clients": lambda: clients_report(scope),
    }[name]()
    return {
        "report": text(name),
        "first": text(scope.first.isoformat()),
        "last": text(scope.last.isoformat()),
        "table": [table_node(table) for table in report.tables],
    }


def table_node(table) -> dict:
    return {
        "$name": table.name,
        "elem": [{key: text(row.get(key)) for key, _label in table.columns} for row in table.rows],
    }
