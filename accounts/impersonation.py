"""Log in as a client (`ticket.su`): the session keeps the real staff member logged in and
names the client user to act as; every request then runs as that user.

Every start has exactly one audited end: the return, a logout, or the expiry, which is
written when the session is next used or, for a session never used again, by the
periodic `end_expired_acting`."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.policies import can_impersonate

SESSION_KEY = "acting_as"


def time_limit() -> timedelta:
    return timedelta(minutes=settings.HELPDESK["SU_MINUTES"])


def start(session, *, actor: User, target: User, channel: str = "web", return_to="") -> None:
    """`return_to`: the desk page to go back to when the staff member returns."""
    if not can_impersonate(actor, target):
        raise PermissionError("This user may not act as that client.")
    event = AuditEvent.objects.create(
        actor=actor, acting_as=target, action=AuditEvent.Action.SU_START, channel=channel
    )
    session[SESSION_KEY] = {
        "user_id": target.pk,
        "started": timezone.now().isoformat(),
        "return_to": return_to,
        "audit_id": event.pk,
    }


def is_acting(session) -> bool:
    return bool(session.get(SESSION_KEY))


def stop(session, *, actor: User, reason=AuditEvent.Action.SU_END, channel="web") -> str:
    """End acting as a client; returns the page to go back to ("" if none was given)."""
    state = session.pop(SESSION_KEY, None)
    if state is None:
        return ""
    record_end(
        start_id=state.get("audit_id"), actor=actor, acting_as_id=state["user_id"],
        action=reason, channel=channel,
    )  # fmt: skip
    return state.get("return_to", "")


def record_end(*, start_id, **fields) -> None:
    """The end of one start, once: the periodic clean-up may have written it already."""
    if start_id is not None and AuditEvent.objects.filter(start_id=start_id).exists():
        return
    try:
        with transaction.atomic():
            AuditEvent.objects.create(start_id=start_id, **fields)
    except IntegrityError:  # written by the clean-up a moment ago
        pass


def effective_user(session, user, *, channel="web"):
    """The user a request acts as: the impersonated client while acting, else `user`."""
    state = session.get(SESSION_KEY)
    if not state or not user.is_authenticated:
        return user
    started = timezone.datetime.fromisoformat(state["started"])
    target = User.objects.filter(pk=state["user_id"]).first()
    expired = timezone.now() - started > time_limit()
    if expired or target is None or not can_impersonate(user, target):
        stop(session, actor=user, reason=AuditEvent.Action.SU_EXPIRED, channel=channel)
        return user
    target.acting_by = user
    target.acting_until = started + time_limit()
    return target


def end_expired_acting(now=None) -> int:
    """Audit the expiry of every start past the time limit that has no end yet (a browser
    closed while acting, an API su session never used again). Returns how many."""
    now = now or timezone.now()
    open_starts = AuditEvent.objects.filter(
        action=AuditEvent.Action.SU_START, created_at__lt=now - time_limit(), ends__isnull=True
    )
    ends = [
        AuditEvent(
            start=event,
            actor_id=event.actor_id,
            acting_as_id=event.acting_as_id,
            action=AuditEvent.Action.SU_EXPIRED,
            channel=event.channel,
        )  # fmt: skip
        for event in open_starts
    ]
    AuditEvent.objects.bulk_create(ends, ignore_conflicts=True)
    return len(ends)
