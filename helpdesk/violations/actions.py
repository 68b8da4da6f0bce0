"""The abuse process: a case against a client with points, a deadline for the client's
answer and the action that runs when it passes (forward the ticket to support, suspend
the ticket's service, suspend all the client's services); the provider's score limit;
resuming suspended services.

Locks are taken in one order everywhere, client → ticket → case, so that the deadline
worker, a client's answer and staff never wait on each other in a circle."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Client
from helpdesk import clock
from helpdesk.errors import ActionError
from helpdesk.messages.actions import add_system_message
from helpdesk.numbers import parse_whole
from helpdesk.tickets import actions as ticket_actions
from helpdesk.tickets import deadlines, events, notifications
from helpdesk.tickets.models import Service, ServiceStatusChange, Ticket
from helpdesk.violations.models import ScoreRule, Violation

MAX_SCORE = 10_000
DUE_BATCH = 200  # cases applied per run of the deadline task; the next run takes the rest
Action, Status = Violation.Action, Violation.Status


def counting(violations, now=None):
    now = now or clock.now()
    return violations.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def client_score(client, now=None) -> int:
    """The client's points that still count (expired ones do not)."""
    return counting(client.violations, now).aggregate(total=Sum("score"))["total"] or 0


def provider_score(client, provider, now=None) -> int:
    violations = counting(client.violations.filter(ticket__provider=provider), now)
    return violations.aggregate(total=Sum("score"))["total"] or 0


def parse_score(value) -> int:
    score = value if isinstance(value, int) else parse_whole(value)
    if score is None or not 0 <= score <= MAX_SCORE:
        raise ActionError(
            _("Points must be a whole number from 0 to %(max)s.") % {"max": MAX_SCORE},
            field="score",
        )
    return score


def clean_action(action, ticket_service_id) -> str:
    if action not in Action.values:
        raise ActionError(_("Choose what to do about the violation."), field="action")
    if action == Action.SUSPEND_SERVICE and ticket_service_id is None:
        raise ActionError(
            _("The ticket is about no service; choose another action."), field="action"
        )
    return action


def clean_deadline(deadline, now):
    if deadline is None:
        return None
    if timezone.is_naive(deadline):
        raise ActionError(_("Give the deadline in the installation's time zone."),
                          field="deadline")  # fmt: skip
    if not deadlines.FIRST_YEAR <= deadline.year <= deadlines.LAST_YEAR:
        raise ActionError(_("Give a deadline this installation can store."), field="deadline")
    if deadline <= now:
        raise ActionError(_("The deadline must be in the future."), field="deadline")
    return deadline


def lock_client(client) -> Client:
    return Client.objects.select_for_update().get(pk=client.pk)


@transaction.atomic
def register_violation(
    ticket, *, by, score, note="", action=Action.FORWARD, deadline=None, message="", now=None
) -> Violation:
    """A case on an existing ticket. With a deadline the client has until then to answer
    (the ticket waits outside the queue) and the action runs at the deadline; without
    one (`ticket.edit show_abuse`, BILLmanager's immediate form) it runs now. `message`,
    when given, is written to the client as a support reply."""
    now = now or clock.now()
    action = clean_action(action, ticket.service_id)
    score, deadline = parse_score(score), clean_deadline(deadline, now)
    client = lock_client(ticket.client)
    if (message or "").strip():
        ticket_actions.post_staff_reply(ticket, author=by, body=message)
    ticket = ticket_actions.lock(ticket)
    violation = Violation.objects.create(
        ticket=ticket, client=client, service=ticket.service, score=score,
        note=(note or "").strip(), action=action, created_by=by, created_at=now,
        status=Status.OPEN if deadline else Status.APPLIED, deadline=deadline,
        closed_at=None if deadline else now, expires_at=expiry(ticket.provider, now),
    )  # fmt: skip
    events.record(ticket, events.Kind.VIOLATION, actor=by, score=score,
                  action=str(violation.get_action_display()),
                  deadline=deadlines_text(deadline))  # fmt: skip
    if deadline:
        ticket_actions.hold_for_abuse_answer(ticket)
    elif violation.suspends:  # forwarding a ticket already in the queue changes nothing
        carry_out(violation, ticket, by=by, now=now)
    check_score_limit(violation, client, ticket, by=by, now=now)
    return violation


@transaction.atomic
def open_abuse_case(
    client, *, by, subject, message, department, service=None, score, note="",
    action=Action.FORWARD, deadline, now=None,
) -> Violation:  # fmt: skip
    """A complaint about a client that has no ticket yet (the desk's Abuse section, the API,
    an abuse mailbox): a new ticket with staff's first message, and the case on it."""
    now = now or clock.now()
    clean_action(action, service.pk if service else None)
    parse_score(score)
    if clean_deadline(deadline, now) is None:
        raise ActionError(_("Give the client a deadline to answer."), field="deadline")
    ticket = ticket_actions.open_abuse_ticket(
        client, by=by, subject=subject, body=message, department=department, service=service
    )
    return register_violation(ticket, by=by, score=score, note=note, action=action,
                              deadline=deadline, now=now)  # fmt: skip


def expiry(provider, now):
    rule = ScoreRule.objects.filter(provider=provider).first()
    if rule is None or not rule.expiry_days:
        return None
    return now + timedelta(days=rule.expiry_days)


def deadlines_text(deadline) -> str:
    return timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M") if deadline else ""


def check_score_limit(violation, client, ticket, *, by, now) -> None:
    """The provider's rule applies once, when this case takes the client's counting points
    from below the limit to it or past it. The client's row is locked by the caller."""
    rule = ScoreRule.objects.filter(provider=ticket.provider, enabled=True).first()
    if rule is None:
        return
    after = provider_score(client, ticket.provider, now)
    if not after - violation.score < rule.limit <= after:
        return
    Violation.objects.filter(pk=violation.pk).update(reached_limit=True)
    if rule.refuse_orders and not client.orders_refused:
        client.orders_refused = True
        client.save(update_fields=["orders_refused"])
    suspended = []
    if rule.suspend_all:
        services = Service.objects.filter(client=client, provider=ticket.provider)
        suspended = suspend(services, reason=reason_of(violation), by=by or violation.created_by)
    events.record(ticket, events.Kind.SCORE_LIMIT, actor=by, score=after, limit=rule.limit,
                  services=[service.name for service in suspended],
                  orders_refused=rule.refuse_orders)  # fmt: skip
    add_system_message(
        ticket,
        gettext_lazy("The client reached the violation score limit (%(score)s of %(limit)s)"),
        by=by, score=after, limit=rule.limit,
    )  # fmt: skip


def reason_of(violation) -> str:
    return _("Violation #%(id)s") % {"id": violation.pk}


def services_of(violation):
    return services_hit(violation.action, violation.client_id, violation.service_id)


def services_hit(action, client_id, service_id):
    if action == Action.SUSPEND_SERVICE:
        return Service.objects.filter(pk=service_id)
    if action == Action.SUSPEND_ALL:
        return Service.objects.filter(client_id=client_id)
    return Service.objects.none()


def would_suspend(action, client_id, service_id) -> list[Service]:
    """For the confirmation page: exactly the services the action would suspend now."""
    services = services_hit(action, client_id, service_id)
    return list(services.exclude(status=Service.Status.SUSPENDED).order_by("name"))


def suspend(services, *, reason, by) -> list[Service]:
    suspended = []
    for service in services.select_for_update().exclude(status=Service.Status.SUSPENDED):
        change_status(service, Service.Status.SUSPENDED, reason=reason, by=by)
        suspended.append(service)
    return suspended


def change_status(service, status, *, reason, by) -> None:
    ServiceStatusChange.objects.create(
        service=service, old_status=service.status, new_status=status, reason=reason,
        changed_by=by,
    )  # fmt: skip
    service.status = status
    service.save(update_fields=["status"])


def carry_out(violation, ticket, *, by, now) -> None:
    """Run the case's action: one TicketEvent, one system message, one notification.
    `by` None is the deadline worker; the service history then names the case's author,
    on whose behalf it acts."""
    names = []
    if violation.action == Action.FORWARD:
        ticket_actions.return_from_abuse(ticket, now=now)
        text = gettext_lazy("Ticket moved to active due to lack of client response")
    else:
        reason = reason_of(violation)
        suspended = suspend(services_of(violation), reason=reason, by=by or violation.created_by)
        names = [service.name for service in suspended]
        text = gettext_lazy("Suspended for a violation: %(names)s")
    events.record(ticket, events.Kind.ABUSE_APPLIED, actor=by, case=violation.pk,
                  action=str(violation.get_action_display()), services=names)  # fmt: skip
    message = add_system_message(ticket, text, by=by, names=", ".join(names) or "—")
    notifications.abuse_action_applied(message)


def lock_case(violation, *, skip_locked=False):
    """The case's ticket, then the case itself, both locked; None when another worker
    holds the ticket (with `skip_locked`)."""
    ticket = (
        Ticket.objects.select_for_update(skip_locked=skip_locked)
        .filter(pk=violation.ticket_id)
        .first()
    )
    if ticket is None:
        return None, None
    return ticket, Violation.objects.select_for_update().get(pk=violation.pk)


def apply_due_cases(now=None) -> int:
    """The deadline task's work: every open case past its deadline gets its action once,
    each in its own transaction. Two workers at once skip each other's cases."""
    now = now or clock.now()
    due = Violation.objects.filter(status=Status.OPEN, deadline__lte=now).order_by("deadline")
    applied = 0
    for violation in list(due.only("pk", "ticket_id")[:DUE_BATCH]):
        with transaction.atomic():
            ticket, case = lock_case(violation, skip_locked=True)
            if case is None or case.status != Status.OPEN or case.deadline > now:
                continue
            close_case(case, Status.APPLIED, now)
            carry_out(case, ticket, by=None, now=now)
            applied += 1
    return applied


def close_case(case, status, now) -> None:
    case.status, case.closed_at = status, now
    case.save(update_fields=["status", "closed_at"])


def open_case(violation, *, by):
    """Lock a case staff act on; refuse unless it is still waiting for the client."""
    ticket, case = lock_case(violation)
    if case.status != Status.OPEN:
        raise ActionError(_("This case is no longer waiting for the client."), field="elid")
    return ticket, case


@transaction.atomic
def apply_now(violation, *, by, now=None) -> Violation:
    now = now or clock.now()
    ticket, case = open_case(violation, by=by)
    close_case(case, Status.APPLIED, now)
    carry_out(case, ticket, by=by, now=now)
    return case


@transaction.atomic
def extend_deadline(violation, *, by, deadline, now=None) -> Violation:
    now = now or clock.now()
    deadline = clean_deadline(deadline, now)
    if deadline is None:
        raise ActionError(_("Give the new deadline."), field="deadline")
    ticket, case = open_case(violation, by=by)
    case.deadline = deadline
    case.save(update_fields=["deadline"])
    events.record(ticket, events.Kind.ABUSE_EXTENDED, actor=by, case=case.pk,
                  deadline=deadlines_text(deadline))  # fmt: skip
    return case


@transaction.atomic
def change_case(violation, *, by, score=None, note=None, action=None, deadline=None):
    """`abuse_task.edit` on an existing case: points and comment always; the action and
    the deadline only while the case waits for the client."""
    ticket, case = lock_case(violation)
    if score is not None:
        case.score = parse_score(score)
    if note is not None:
        case.note = note.strip()
    if action is not None or deadline is not None:
        if case.status != Status.OPEN:
            raise ActionError(_("This case is no longer waiting for the client."),
                              field="deadline" if deadline else "action")  # fmt: skip
        case.action = clean_action(action or case.action, ticket.service_id)
        case.deadline = clean_deadline(deadline, clock.now()) or case.deadline
    case.save()
    events.record(ticket, events.Kind.CHANGED, actor=by,
                  changes=[events.change(_("Violation"), "", f"#{case.pk}")])  # fmt: skip
    return case


@transaction.atomic
def finish_cases(violations, *, by, now=None) -> list[Violation]:
    """Close cases (`abuse_task.finish`); their actions no longer run. Finished ones stay
    as they are. The points keep counting until they expire."""
    now = now or clock.now()
    finished = []
    for violation in sorted(violations, key=lambda each: (each.ticket_id, each.pk)):
        ticket, case = lock_case(violation)
        if case.status == Status.FINISHED:
            continue
        close_case(case, Status.FINISHED, now)
        events.record(ticket, events.Kind.ABUSE_FINISHED, actor=by, case=case.pk)
        finished.append(case)
    return finished


@transaction.atomic
def resume_service(service, *, by, reason) -> Service:
    """Staff lift a suspension, with the reason recorded like the suspension was."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ActionError(_("Say why the service is resumed."), field="reason")
    if len(reason) > 255:
        raise ActionError(_("The reason is too long (at most 255 characters)."), field="reason")
    service = Service.objects.select_for_update().get(pk=service.pk)
    if service.status != Service.Status.SUSPENDED:
        raise ActionError(_("The service is not suspended."), field="elid")
    change_status(service, Service.Status.ACTIVE, reason=reason, by=by)
    return service
