"""Registering a violation (abuse) from a ticket and applying its action."""

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helpdesk.errors import ActionError
from helpdesk.messages.actions import add_system_message
from helpdesk.numbers import parse_whole
from helpdesk.tickets import events
from helpdesk.tickets.models import Service, ServiceStatusChange
from helpdesk.violations.models import Violation

MAX_SCORE = 10_000


def client_score(client) -> int:
    return client.violations.aggregate(total=Sum("score"))["total"] or 0


def parse_score(value) -> int:
    score = parse_whole(value)
    if score is None or not 0 <= score <= MAX_SCORE:
        raise ActionError(
            _("Points must be a whole number from 0 to %(max)s.") % {"max": MAX_SCORE},
            field="score",
        )
    return score


@transaction.atomic
def register_violation(ticket, *, by, score, note="", action=Violation.Action.FORWARD):
    if action not in Violation.Action.values:
        raise ActionError(_("Choose what to do about the violation."), field="action")
    if action == Violation.Action.SUSPEND_SERVICE and ticket.service_id is None:
        raise ActionError(
            _("The ticket is about no service; choose another action."), field="action"
        )
    violation = Violation.objects.create(
        ticket=ticket,
        client=ticket.client,
        service=ticket.service,
        score=parse_score(score),
        note=(note or "").strip(),
        action=action,
        created_by=by,
    )
    apply_action(violation, by=by)
    events.record(ticket, events.Kind.VIOLATION, actor=by, score=violation.score,
                  action=str(violation.get_action_display()))  # fmt: skip
    return violation


def apply_action(violation, *, by) -> None:
    if violation.action == Violation.Action.SUSPEND_SERVICE:
        services = Service.objects.filter(pk=violation.service_id)
    elif violation.action == Violation.Action.SUSPEND_ALL:
        services = Service.objects.filter(client=violation.client)
    else:
        return
    reason = _("Violation #%(id)s") % {"id": violation.pk}
    for service in services.select_for_update().exclude(status=Service.Status.SUSPENDED):
        ServiceStatusChange.objects.create(
            service=service,
            old_status=service.status,
            new_status=Service.Status.SUSPENDED,
            reason=reason,
            changed_by=by,
        )
        service.status = Service.Status.SUSPENDED
        service.save(update_fields=["status"])
        add_system_message(
            violation.ticket,
            gettext_lazy("Service %(name)s was suspended for a violation"),
            by=by,
            name=service.name,
        )
