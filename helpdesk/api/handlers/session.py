"""auth, logout and ticket.su: API sessions."""

from django.conf import settings
from django.utils.translation import gettext as _

from accounts import impersonation
from accounts.policies import acting_staff
from helpdesk.api import lookups, sessions
from helpdesk.api.authentication import API, forget_authinfo, identify, log_in
from helpdesk.api.registry import STAFF, anyone, function
from helpdesk.api.wire import ok
from helpdesk.errors import ActionError
from helpdesk.tickets import policies


def auth_node(session, user) -> dict:
    """<auth id="SID" level="LEVEL">SID</auth>, as BILLmanager answers it."""
    key = session.session_key
    return {"$id": key, "$level": str(sessions.level(user)), "$": key}


@function("auth", who=anyone, public=True)
def auth(call):
    username, password = call.get("username"), call.get("password")
    if not username or not password:
        raise ActionError(_("Give username and password."), code="auth", field="badpassword")
    user, token = log_in(call.request, username, password)
    session = sessions.start_session(user, token_id=token.pk if token else None)
    call.cookies[settings.BILLMGR_SESSION_COOKIE] = session.session_key
    return {"auth": auth_node(session, user)}


@function("whoami", who=anyone)
def whoami(call):
    """Who is logged in: client areas ask right after `auth` and give up when it fails."""
    user = call.user
    acting = acting_staff(user)
    node = {
        "$id": str(user.pk), "$name": user.get_username(), "$level": str(sessions.level(user)),
        "$realname": user.get_full_name() or user.get_username(), "$": user.get_username(),
    }  # fmt: skip
    if acting is not None:
        node["$acting_by"] = acting.get_username()
    return {"user": node}


@function("keepalive", who=anyone, public=True)
def keepalive(call):
    """Extend the session (`auth=` or the session cookie). A session that is gone answers
    an `access` error, which client areas read as "log in again"."""
    try:
        identify(call.request, call.params)  # opening a session slides its expiry
    except ActionError:
        raise ActionError(
            _("The session has expired; log in again."), code="access", field="auth"
        ) from None
    return ok()


@function("logout", who=anyone)
def logout(call):
    """End the `auth` session (for a ticket.su session, the audited end of acting); with
    `authinfo=`, forget that the password was verified."""
    if call.has("authinfo"):
        forget_authinfo(call.params)
    if call.session is not None:
        actor = acting_staff(call.user)
        if actor is not None:
            impersonation.stop(call.session, actor=actor, channel=API)
        sessions.end_session(call.session)
    return ok()


@function("ticket.su", "ticket_all.su", who=STAFF)
def ticket_su(call):
    """A new session acting as the ticket's client user; logout of it ends the acting."""
    ticket = lookups.ticket(call)
    if not policies.can_su(call.user, ticket):
        raise ActionError(_("You may not log in as this ticket's client."), code="access",
                          field="elid")  # fmt: skip
    target = policies.su_target(ticket)
    # Bound to the caller's token, so revoking that ends this session too.
    session = sessions.start_session(call.user, token_id=call.token_id)
    impersonation.start(session, actor=call.user, target=target, channel=API)
    session.save()
    return ok(auth=auth_node(session, target))
