"""The reports, read from the daily aggregates: each gives tables (columns and rows of
plain values, the same for the page, the CSV and the API) and a chart of its main table.
A handful of grouped queries per report, whatever the period or the number of rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Sum
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from helpdesk.messages.models import Message
from helpdesk.reports.aggregate import day_bounds
from helpdesk.reports.buckets import percentile
from helpdesk.reports.models import Metric
from helpdesk.reports.policies import visible_figures, visible_late_responses
from helpdesk.tickets.models import Department, Priority, Provider, Ticket
from helpdesk.tickets.policies import visible_tickets

RESPONSE_METRICS = [
    Metric.FIRST_RESPONSE, Metric.FIRST_WITHIN, Metric.RESPONSE, Metric.RESPONSE_WITHIN,
]  # fmt: skip
LOAD_METRICS = [Metric.OPENED, Metric.ANSWERED, Metric.CLOSED, Metric.REOPENED]
BACKLOG_SIGN = {Metric.OPENED: 1, Metric.REOPENED: 1, Metric.CLOSED: -1}
OPEN_STATUSES = [Ticket.Status.NEW, Ticket.Status.UNDER_REVIEW, Ticket.Status.AWAITING_RESPONSE]
TOP_CLIENTS = 10


@dataclass
class Table:
    name: str
    title: str
    columns: list  # (key, label)
    rows: list = field(default_factory=list)  # dicts of plain values by key
    links: list = field(default_factory=list)  # per row: {key: url}

    def cells(self):
        """Rows as (value, url) pairs in column order, for the template."""
        for index, row in enumerate(self.rows):
            links = self.links[index] if index < len(self.links) else {}
            yield [(row.get(key), links.get(key)) for key, _label in self.columns]


@dataclass
class Report:
    tables: list
    chart: dict


def figures(scope, *, staff=True):
    rows = visible_figures(scope.user).filter(day__gte=scope.first, day__lte=scope.last)
    return narrowed(rows, scope, staff="staff" if staff else None)


def narrowed(rows, scope, *, staff="staff", ticket=""):
    """`rows` of the scope's department, provider and staff member; `ticket` leads to the
    ticket's columns ("ticket__" from a message), `staff` names the staff member's column
    (None: every staff member)."""
    if scope.department:
        rows = rows.filter(**{f"{ticket}department": scope.department})
    if scope.provider:
        rows = rows.filter(**{f"{ticket}provider": scope.provider})
    if scope.staff and staff:
        rows = rows.filter(**{staff: scope.staff})
    return rows


def tickets_url(scope, **params) -> str:
    """The all-tickets list filtered as closely as it can to the tickets behind a number."""
    base = {"department": scope.department and scope.department.pk,
            "provider": scope.provider and scope.provider.pk}  # fmt: skip
    query = {key: value for key, value in {**base, **params}.items() if value not in (None, "")}
    return f"{reverse('desk:ticket_all')}?{urlencode(query)}"


def period_params(first, last) -> dict:
    return {"created_from": first.isoformat(), "created_to": last.isoformat()}


def whole_period(scope) -> dict:
    return period_params(scope.first, scope.last)


def period_bounds(scope):
    return day_bounds(scope.first)[0], day_bounds(scope.last)[1]


def share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def as_day(value):
    """TruncWeek gives a datetime on some databases and a date on others."""
    return value.date() if hasattr(value, "date") else value


def week_of(day):
    return day - timedelta(days=day.weekday())


# Response -----------------------------------------------------------------------------

GROUP_FIELDS = {
    "department": "department_id", "provider": "provider_id", "staff": "staff_id",
    "priority": "priority", "week": "day",
}  # fmt: skip


def response_report(scope, group: str) -> Report:
    rows = figures(scope).filter(metric__in=RESPONSE_METRICS)
    key = GROUP_FIELDS[group]
    if group == "week":
        rows = rows.annotate(week=TruncWeek("day"))
        key = "week"
    found = rows.values(key, "metric", "bucket").annotate(n=Sum("count")).order_by()
    groups = defaultdict(lambda: {metric: defaultdict(int) for metric in RESPONSE_METRICS})
    for row in found:
        value = as_day(row[key]) if group == "week" else row[key]
        groups[value][row["metric"]][row["bucket"]] += row["n"]
    labels = group_labels(group, groups)
    table = Table("response", _("Response times (business minutes)"), RESPONSE_COLUMNS)
    for value in sorted(groups, key=lambda each: group_order(labels, each)):
        table.rows.append(response_row(labels.get(value, "—"), groups[value]))
        table.links.append({"first_count": group_link(scope, group, value)})
    if len(groups) > 1:
        total = {metric: defaultdict(int) for metric in RESPONSE_METRICS}
        for each in groups.values():
            for metric, histogram in each.items():
                for bucket, n in histogram.items():
                    total[metric][bucket] += n
        table.rows.append(response_row(str(_("All")), total))
        table.links.append({"first_count": tickets_url(scope, **whole_period(scope))})
    chart = bar_chart(table, "name", [
        ("first_within_share", _("first response within deadline, %")),
        ("within_share", _("every response within deadline, %")),
    ])  # fmt: skip
    return Report([table, late_table(scope)], chart)


RESPONSE_COLUMNS = [
    ("name", _("Group")),
    ("first_count", _("First responses")),
    ("first_median", _("First response, median")),
    ("first_p90", _("First response, p90")),
    ("first_within_share", _("First within deadline, %")),
    ("count", _("Responses")),
    ("median", _("Response, median")),
    ("p90", _("Response, p90")),
    ("within_share", _("Within deadline, %")),
]


def response_row(name, metrics) -> dict:
    first, every = metrics[Metric.FIRST_RESPONSE], metrics[Metric.RESPONSE]
    first_count, count = sum(first.values()), sum(every.values())
    return {
        "name": str(name),
        "first_count": first_count,
        "first_median": minutes_text(percentile(first, 0.5)),
        "first_p90": minutes_text(percentile(first, 0.9)),
        "first_within_share": share(sum(metrics[Metric.FIRST_WITHIN].values()), first_count),
        "count": count,
        "median": minutes_text(percentile(every, 0.5)),
        "p90": minutes_text(percentile(every, 0.9)),
        "within_share": share(sum(metrics[Metric.RESPONSE_WITHIN].values()), count),
    }


def minutes_text(minutes):
    if minutes is None:
        return None
    return "> 30d" if minutes < 0 else minutes


def group_labels(group, values) -> dict:
    ids = [value for value in values if value is not None]
    if group == "department":
        return {each.pk: str(each) for each in Department.objects.filter(pk__in=ids)}
    if group == "provider":
        return {each.pk: each.name for each in Provider.objects.filter(pk__in=ids)}
    if group == "staff":
        return {each.pk: staff_name(each) for each in User.objects.filter(pk__in=ids)}
    if group == "priority":
        return {value: str(Priority(value).label) for value in ids}
    return {value: value.isoformat() for value in ids}


def staff_name(user) -> str:
    return user.get_full_name() or user.username


def group_order(labels, value):
    """Groups by their label (days and weeks by date), the one without a value last."""
    return (value is None, str(labels.get(value, "")) if not hasattr(value, "year") else value)


def group_link(scope, group, value):
    period = whole_period(scope)
    if group == "week":
        period = period_params(max(value, scope.first), min(value + timedelta(days=6), scope.last))
    extra = {"staff": "responsible"}.get(group, group)
    return tickets_url(scope, **period, **({} if group == "week" else {extra: value}))


def late_table(scope, limit=50) -> Table:
    """The latest late responses (the newest `limit`; narrow the period for older ones)."""
    rows = narrowed(visible_late_responses(scope.user), scope).filter(
        day__gte=scope.first, day__lte=scope.last
    )
    rows = rows.select_related("ticket", "staff").order_by("-day", "-late_minutes")[:limit]
    table = Table("late", _("Late responses (newest first)"), [
        ("day", _("Day")), ("ticket", _("Ticket")), ("subject", _("Subject")),
        ("staff", _("Answered by")), ("first", _("First response")),
        ("minutes", _("Business minutes waited")), ("late_minutes", _("Business minutes late")),
    ])  # fmt: skip
    for row in rows:
        table.rows.append({
            "day": row.day.isoformat(), "ticket": row.ticket_id, "subject": row.ticket.subject,
            "staff": staff_name(row.staff) if row.staff else "",
            "first": "yes" if row.first else "no",
            "minutes": row.minutes, "late_minutes": row.late_minutes,
        })  # fmt: skip
        table.links.append({"ticket": reverse("desk:ticket_edit", args=[row.ticket_id])})
    return table


# Load ---------------------------------------------------------------------------------

LOAD_COLUMNS = [
    ("day", _("Day")), ("opened", _("Opened")), ("answered", _("Answered")),
    ("closed", _("Closed")), ("reopened", _("Reopened")), ("backlog", _("Open at the end")),
]  # fmt: skip


def load_report(scope, step: str) -> Report:
    # Opening and the backlog belong to no staff member: the staff filter leaves them be.
    rows = figures(scope, staff=False).filter(metric__in=LOAD_METRICS)
    found = rows.values("day", "metric").annotate(n=Sum("count")).order_by()
    per_day = defaultdict(lambda: defaultdict(int))
    for row in found:
        per_day[row["day"]][row["metric"]] += row["n"]
    backlog = backlog_before(scope)
    table = Table("load", _("Tickets per %(step)s") % {"step": step}, LOAD_COLUMNS)
    day, current = scope.first, None
    while day <= scope.last:
        counts = per_day[day]
        backlog += sum(sign * counts[metric] for metric, sign in BACKLOG_SIGN.items())
        label = week_of(day) if step == "week" else day
        if current is None or current["day"] != label.isoformat():
            current = {"day": label.isoformat(), "opened": 0, "answered": 0, "closed": 0,
                       "reopened": 0}  # fmt: skip
            table.rows.append(current)
            last = min(label + timedelta(days=6), scope.last) if step == "week" else day
            days = period_params(max(label, scope.first), last)
            table.links.append({"opened": tickets_url(scope, **days)})
        for metric in LOAD_METRICS:
            current[metric] += counts[metric]
        current["backlog"] = backlog
        day += timedelta(days=1)
    chart = line_chart(table, "day", [(key, label) for key, label in LOAD_COLUMNS[1:]])
    return Report([table, staff_work_table(scope), responsible_table(scope)], chart)


def backlog_before(scope) -> int:
    rows = narrowed(visible_figures(scope.user), scope, staff=None).filter(
        day__lt=scope.first, metric__in=list(BACKLOG_SIGN)
    )
    found = rows.values("metric").annotate(n=Sum("count")).order_by()
    return sum(BACKLOG_SIGN[row["metric"]] * row["n"] for row in found)


def staff_work_table(scope) -> Table:
    rows = figures(scope).filter(metric__in=[Metric.REPLIES, Metric.NOTES], staff__isnull=False)
    found = rows.values("staff_id", "metric").annotate(n=Sum("count")).order_by()
    counts = defaultdict(lambda: defaultdict(int))
    for row in found:
        counts[row["staff_id"]][row["metric"]] += row["n"]
    names = group_labels("staff", counts)
    table = Table("staff_work", _("Replies and notes per staff member"), [
        ("staff", _("Staff member")), ("replies", _("Replies")), ("notes", _("Notes")),
    ])  # fmt: skip
    for staff_id in sorted(counts, key=lambda each: names.get(each, "")):
        table.rows.append({"staff": names.get(staff_id, ""), "replies": counts[staff_id]["replies"],
                           "notes": counts[staff_id]["notes"]})  # fmt: skip
        table.links.append({"staff": tickets_url(scope, responsible=staff_id)})
    return table


def responsible_table(scope) -> Table:
    """Open tickets per responsible now (not per period): read from the tickets."""
    tickets = visible_tickets(scope.user).filter(status__in=OPEN_STATUSES)
    tickets = narrowed(tickets, scope, staff="responsible")
    # COUNT(*), not of a column: answered from the partial index alone.
    found = tickets.values("responsible_id").annotate(n=Count("*")).order_by("-n")
    names = group_labels("staff", [row["responsible_id"] for row in found])
    table = Table("open_by_responsible", _("Open tickets per responsible, now"), [
        ("responsible", _("Responsible")), ("open", _("Open tickets")),
    ])  # fmt: skip
    for row in found:
        name = names.get(row["responsible_id"], str(_("nobody")))
        table.rows.append({"responsible": name, "open": row["n"]})
        table.links.append({"open": tickets_url(scope, responsible=row["responsible_id"])})
    return table


# Clients ------------------------------------------------------------------------------

TOTALS = [
    (Metric.INCIDENTS_SOLD, _("Paid incidents sold")),
    (Metric.INCIDENTS_USED, _("Paid incidents used")),
    (Metric.CHARGES, _("Charges")),
    (Metric.VIOLATIONS, _("Violations registered")),
    (Metric.SUSPENSIONS, _("Services suspended")),
]


def clients_report(scope) -> Report:
    ratings = ratings_table(scope, "staff")
    tables = [ratings, ratings_table(scope, "department"), totals_table(scope),
              top_clients_table(scope), rated_messages_table(scope)]  # fmt: skip
    chart = bar_chart(ratings, "name", [("good", _("good")), ("bad", _("bad"))])
    return Report(tables, chart)


def ratings_table(scope, group) -> Table:
    rows = figures(scope).filter(metric__in=[Metric.RATED_GOOD, Metric.RATED_BAD])
    key = GROUP_FIELDS[group]
    found = rows.values(key, "metric").annotate(n=Sum("count")).order_by()
    counts = defaultdict(lambda: defaultdict(int))
    for row in found:
        counts[row[key]][row["metric"]] += row["n"]
    names = group_labels(group, counts)
    title = _("Ratings per staff member") if group == "staff" else _("Ratings per department")
    table = Table(f"ratings_{group}", title, [
        ("name", _("Staff member") if group == "staff" else _("Department")),
        ("good", _("Good")), ("bad", _("Bad")), ("good_share", _("Good, %")),
    ])  # fmt: skip
    for value in sorted(counts, key=lambda each: names.get(each, "")):
        good, bad = counts[value][Metric.RATED_GOOD], counts[value][Metric.RATED_BAD]
        table.rows.append({"name": names.get(value, "—"), "good": good, "bad": bad,
                           "good_share": share(good, good + bad)})  # fmt: skip
        table.links.append({})
    return table


def totals_table(scope) -> Table:
    rows = figures(scope).filter(metric__in=[metric for metric, _label in TOTALS])
    found = rows.values("metric").annotate(n=Sum("count"), cents=Sum("total")).order_by()
    by_metric = {row["metric"]: row for row in found}
    table = Table("totals", _("Paid support and abuse"), [
        ("figure", _("Figure")), ("count", _("Count")), ("amount", _("Amount")),
    ])  # fmt: skip
    for metric, label in TOTALS:
        row = by_metric.get(metric, {"n": 0, "cents": 0})
        amount = f"{row['cents'] / 100:.2f}" if metric == Metric.CHARGES else ""
        table.rows.append({"figure": str(label), "count": row["n"], "amount": amount})
        abuse = metric == Metric.VIOLATIONS
        table.links.append({"count": tickets_url(scope, props="abuse")} if abuse else {})
    return table


def top_clients_table(scope) -> Table:
    rows = figures(scope, staff=False).filter(metric=Metric.CLIENT_OPENED)
    per_client = rows.values("client_id", "client__name").annotate(n=Sum("count"))
    found = per_client.order_by("-n", "client_id")[:TOP_CLIENTS]
    table = Table("top_clients", _("Top clients by tickets opened"), [
        ("client", _("Client")), ("tickets", _("Tickets")),
    ])  # fmt: skip
    for row in found:
        table.rows.append({"client": row["client__name"], "tickets": row["n"]})
        link = tickets_url(scope, client=row["client_id"], **whole_period(scope))
        table.links.append({"tickets": link})
    return table


def rated_messages_table(scope, limit=50) -> Table:
    start, end = period_bounds(scope)
    messages = Message.objects.filter(
        ticket__in=visible_tickets(scope.user), kind=Message.Kind.OUTCOMING,
        created_at__gte=start, created_at__lt=end,
    ).exclude(rating="")  # fmt: skip
    messages = narrowed(messages, scope, staff="author", ticket="ticket__")
    found = messages.select_related("author", "ticket").order_by("-created_at", "-id")[:limit]
    table = Table("rated_messages", _("Rated replies (newest first)"), [
        ("posted", _("Posted")), ("ticket", _("Ticket")), ("staff", _("Staff member")),
        ("rating", _("Rating")), ("excerpt", _("Reply")),
    ])  # fmt: skip
    for message in found:
        table.rows.append({
            "posted": message.created_at.date().isoformat(), "ticket": message.ticket_id,
            "staff": staff_name(message.author) if message.author else "",
            "rating": message.rating, "excerpt": message.body[:120],
        })  # fmt: skip
        table.links.append({"ticket": reverse("desk:ticket_edit", args=[message.ticket_id])})
    return table


# Charts -------------------------------------------------------------------------------


def bar_chart(table, label_key, series) -> dict:
    return chart("bar", table, label_key, series)


def line_chart(table, label_key, series) -> dict:
    return chart("line", table, label_key, series)


def chart(kind, table, label_key, series) -> dict:
    rows = table.rows
    return {
        "type": kind,
        "labels": [str(row.get(label_key) or "") for row in rows],
        "datasets": [
            {"label": str(label), "data": [row.get(key) for row in rows]} for key, label in series
        ],
    }


REPORTS = {
    "response": response_report,
    "load": load_report,
    "clients": clients_report,
}
