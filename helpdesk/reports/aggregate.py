"""Recomputing the daily aggregates of one local day from the source rows. Idempotent: a
day's rows are replaced as a whole, so running it twice, late or concurrently with the
catch-up gives the same figures."""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from helpdesk.incidents.models import IncidentEntry, TicketExpense
from helpdesk.messages.models import Message
from helpdesk.reports.buckets import bucket_of, business_minutes
from helpdesk.reports.models import DayFigure, LateResponse, Metric
from helpdesk.tickets.models import Department, Service, ServiceStatusChange, Ticket, TicketEvent
from helpdesk.tickets.regulation import response_deadline
from helpdesk.violations.models import Violation

TICKET = ("department_id", "provider_id", "priority")
VIA_TICKET = ("ticket__department_id", "ticket__provider_id", "ticket__priority")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


@transaction.atomic
def recompute_day(day: date) -> int:
    """Replace the day's figures and late responses; the number of figure rows written."""
    start, end = day_bounds(day)
    figures = [*counters(day, start, end), *money(day, start, end)]
    responses, late = response_figures(day, start, end)
    DayFigure.objects.filter(day=day).delete()
    LateResponse.objects.filter(day=day).delete()
    DayFigure.objects.bulk_create([*figures, *responses], batch_size=2000)
    LateResponse.objects.bulk_create(late, batch_size=2000)
    return len(figures) + len(responses)


def figure(day, metric, row, prefix="", **extra) -> DayFigure:
    return DayFigure(
        day=day,
        metric=metric,
        department_id=row.get(f"{prefix}department_id"),
        provider_id=row.get(f"{prefix}provider_id"),
        priority=row.get(f"{prefix}priority"),
        **extra,
    )


def counters(day, start, end):
    """Tickets opened, closed and reopened; replies, notes, answered tickets and ratings."""
    opened = Ticket.objects.filter(created_at__gte=start, created_at__lt=end)
    for row in opened.values(*TICKET).annotate(n=Count("id")).order_by():
        yield figure(day, Metric.OPENED, row, count=row["n"])
    per_client = opened.values("department_id", "provider_id", "client_id").annotate(n=Count("id"))
    for row in per_client.order_by():
        yield figure(day, Metric.CLIENT_OPENED, row, client_id=row["client_id"], count=row["n"])
    events = TicketEvent.objects.filter(
        created_at__gte=start, created_at__lt=end, kind__in=["closed", "reopened"]
    )
    for row in events.values("kind", "actor_id", *VIA_TICKET).annotate(n=Count("id")).order_by():
        metric = Metric.CLOSED if row["kind"] == "closed" else Metric.REOPENED
        yield figure(day, metric, row, "ticket__", staff_id=row["actor_id"], count=row["n"])
    messages = Message.objects.filter(created_at__gte=start, created_at__lt=end)
    staff_messages = messages.filter(kind__in=[Message.Kind.OUTCOMING, Message.Kind.NOTE])
    fields = ("kind", "author_id", *VIA_TICKET)
    for row in staff_messages.values(*fields).annotate(n=Count("id")).order_by():
        metric = Metric.REPLIES if row["kind"] == Message.Kind.OUTCOMING else Metric.NOTES
        yield figure(day, metric, row, "ticket__", staff_id=row["author_id"], count=row["n"])
    replies = messages.filter(kind=Message.Kind.OUTCOMING)
    answered = replies.values(*VIA_TICKET).annotate(n=Count("ticket_id", distinct=True))
    for row in answered.order_by():
        yield figure(day, Metric.ANSWERED, row, "ticket__", count=row["n"])
    rated = replies.exclude(rating="").values("rating", "author_id", *VIA_TICKET)
    for row in rated.annotate(n=Count("id")).order_by():
        metric = Metric.RATED_GOOD if row["rating"] == Message.Rating.GOOD else Metric.RATED_BAD
        yield figure(day, metric, row, "ticket__", staff_id=row["author_id"], count=row["n"])


def money(day, start, end):
    """Paid support sold and used, charges, violations and suspensions."""
    entries = IncidentEntry.objects.filter(created_at__gte=start, created_at__lt=end)
    by_kind = entries.filter(kind__in=["purchase", "consumed"])
    fields = ("kind", "provider_id", "ticket__department_id", "ticket__priority")
    for row in by_kind.values(*fields).annotate(n=Sum("delta")).order_by():
        metric = Metric.INCIDENTS_SOLD if row["kind"] == "purchase" else Metric.INCIDENTS_USED
        yield figure(day, metric, {**row, "department_id": row["ticket__department_id"],
                                   "priority": row["ticket__priority"]},
                     count=abs(row["n"] or 0))  # fmt: skip
    expenses = TicketExpense.objects.filter(created_at__gte=start, created_at__lt=end)
    for row in expenses.values("created_by_id", *VIA_TICKET).annotate(
        n=Count("id"), amount=Sum("amount")
    ).order_by():  # fmt: skip
        cents = int(round((row["amount"] or 0) * 100))
        yield figure(day, Metric.CHARGES, row, "ticket__", staff_id=row["created_by_id"],
                     count=row["n"], total=cents)  # fmt: skip
    violations = Violation.objects.filter(created_at__gte=start, created_at__lt=end)
    for row in violations.values("created_by_id", *VIA_TICKET).annotate(n=Count("id")).order_by():
        yield figure(day, Metric.VIOLATIONS, row, "ticket__", staff_id=row["created_by_id"],
                     count=row["n"])  # fmt: skip
    suspensions = ServiceStatusChange.objects.filter(
        changed_at__gte=start, changed_at__lt=end, new_status=Service.Status.SUSPENDED
    )
    for row in suspensions.values("service__provider_id", "changed_by_id").annotate(
        n=Count("id")
    ).order_by():  # fmt: skip
        yield figure(day, Metric.SUSPENSIONS, {"provider_id": row["service__provider_id"]},
                     staff_id=row["changed_by_id"], count=row["n"])  # fmt: skip


def response_figures(day, start, end):
    """Each staff reply of the day that answers a waiting client: its business minutes since
    the client started waiting, and whether it met the regulation's deadline."""
    replied = Message.objects.filter(
        created_at__gte=start, created_at__lt=end, kind=Message.Kind.OUTCOMING, hidden=False
    ).values("ticket_id")
    thread = (
        Message.objects.filter(ticket_id__in=replied, created_at__lt=end, hidden=False)
        .filter(kind__in=[Message.Kind.INCOMING, Message.Kind.OUTCOMING])
        .order_by("ticket_id", "created_at", "id")
        .values_list("id", "ticket_id", "kind", "author_id", "created_at")
    )
    facts_of = Ticket.objects.filter(pk__in=replied).values("id", *TICKET)
    tickets = {row["id"]: row for row in facts_of}
    departments = {each.pk: each for each in Department.objects.all()}
    histogram, late = Counter(), []
    for reply in answers(thread.iterator(chunk_size=5000), start):
        facts = tickets[reply["ticket_id"]]
        department = departments[facts["department_id"]]
        minutes = business_minutes(department, reply["waiting_since"], reply["at"])
        within = reply["at"] <= response_deadline(department, reply["waiting_since"])
        key = (facts["department_id"], facts["provider_id"], facts["priority"], reply["author_id"])
        kinds = [Metric.RESPONSE] + ([Metric.FIRST_RESPONSE] if reply["first"] else [])
        for metric in kinds:
            histogram[(metric, *key, bucket_of(minutes))] += 1
            histogram[("minutes", metric, *key, bucket_of(minutes))] += minutes
            if within:
                histogram[(within_metric(metric), *key, 0)] += 1
        if not within:
            late.append(late_response(day, reply, facts, minutes, department))
    return response_rows(day, histogram), late


def within_metric(metric):
    return Metric.FIRST_WITHIN if metric == Metric.FIRST_RESPONSE else Metric.RESPONSE_WITHIN


def answers(thread_rows, start):
    """The replies (at or after `start`) that answered a waiting client, in thread order."""
    ticket_id, waiting_since, replied_before = None, None, False
    for message_id, ticket, kind, author_id, created_at in thread_rows:
        if ticket != ticket_id:
            ticket_id, waiting_since, replied_before = ticket, None, False
        if kind == Message.Kind.INCOMING:
            waiting_since = waiting_since or created_at
            continue
        if waiting_since is not None and created_at >= start:
            yield {
                "id": message_id, "ticket_id": ticket, "author_id": author_id, "at": created_at,
                "waiting_since": waiting_since, "first": not replied_before,
            }  # fmt: skip
        waiting_since, replied_before = None, True


def late_response(day, reply, facts, minutes, department):
    deadline = response_deadline(department, reply["waiting_since"])
    return LateResponse(
        day=day,
        message_id=reply["id"],
        ticket_id=reply["ticket_id"],
        department_id=facts["department_id"],
        provider_id=facts["provider_id"],
        staff_id=reply["author_id"],
        first=reply["first"],
        minutes=minutes,
        late_minutes=business_minutes(department, deadline, reply["at"]),
    )


def response_rows(day, histogram):
    rows = []
    for key, value in histogram.items():
        if key[0] == "minutes":
            continue
        metric, department_id, provider_id, priority, staff_id, bucket = key
        minutes = histogram.get(("minutes", *key), 0)
        rows.append(DayFigure(
            day=day, metric=metric, department_id=department_id, provider_id=provider_id,
            priority=priority, staff_id=staff_id, bucket=bucket, count=value, total=minutes,
        ))  # fmt: skip
    return rows


def recompute_days(first: date, last: date) -> int:
    days, day = 0, first
    while day <= last:
        recompute_day(day)
        day += timedelta(days=1)
        days += 1
    return days
