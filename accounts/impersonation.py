"""Log in as a client (`ticket.su`): the session keeps the real staff member logged in and
names the client user to act as; every request then runs as that user."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.policies import can_impersonate

SESSION_KEY = "acting_as"


def start(session, *, actor: User, target: User, channel: str = "web", return_to="") -> None:
    """`return_to`: the desk page to go back to when the staff member returns."""
    if not can_impersonate(actor, target):
        raise PermissionError("This user may not act as that client.")
    session[SESSION_KEY] = {
        "user_id": target.pk,
        "started": timezone.now().isoformat(),
        "return_to": return_to,
    }
    AuditEvent.objects.create(
        actor=actor, acting_as=target, action=AuditEvent.Action.SU_START, channel=channel
    )


def stop(session, *, actor: User, reason=AuditEvent.Action.SU_END, channel="web") -> str:
    """End acting as a client; returns the page to go back to ("" if none was given)."""
    state = session.pop(SESSION_KEY, None)
    if state is None:
        return ""
    AuditEvent.objects.create(
        actor=actor, acting_as_id=state["user_id"], action=reason, channel=channel
    )
    return state.get("return_to", "")


def effective_user(session, user, *, channel="web"):
    """The user a request acts as: the impersonated client while acting, else `user`."""
    state = session.get(SESSION_KEY)
    if not state or not user.is_authenticated:
        return user
    started = timezone.datetime.fromisoformat(state["started"])
    limit = timedelta(minutes=settings.HELPDESK["SU_MINUTES"])
    target = User.objects.filter(pk=state["user_id"]).first()
    if timezone.now() - started > limit or target is None or not can_impersonate(user, target):
        stop(session, actor=user, reason=AuditEvent.Action.SU_EXPIRED, channel=channel)
        return user
    target.acting_by = user
    target.acting_until = started + limit
    return target
