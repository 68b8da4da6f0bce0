"""Who makes an API call: `auth=SID`, or `authinfo=U:P` for one call, and staff's `su=`.
P is the password or an API token; accounts with two-factor login take only tokens.

Never the browser's session cookie: the endpoint takes no CSRF token, so a cookie would let
any web page act for a logged-in user."""

from contextlib import contextmanager
from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _

from accounts import impersonation
from accounts.actions import api_token_login
from accounts.models import User
from accounts.policies import acting_staff, api_password_refused
from helpdesk.api import authinfo_cache, cors, sessions
from helpdesk.errors import ActionError
from helpdesk.tickets.policies import can_act_as, is_desk_user

API = "api"
MAX_USERNAME = 150


@dataclass
class Caller:
    user: object
    session: object = None
    token_id: int | None = None  # the API token the caller logged in with


def log_in(request, username: str, password: str):
    """(user, API token or None) for these credentials, or an auth error. The password
    position takes an API token too; passwords go through django-axes' throttling, and a
    verified one is remembered for a few minutes (authinfo_cache) but never past a lock-out."""
    if len(username) > MAX_USERNAME:  # longer than any login; axes could not even record it
        raise ActionError(_("Wrong login or password."), code="auth", field="badpassword")
    token = api_token_login(username, password)
    if token is not None:
        return token.user, token
    user = authinfo_cache.recall(username, password)
    if user is not None and not AxesProxyHandler.is_allowed(request, {"username": username}):
        authinfo_cache.forget(username, password)
        raise locked_out()
    if user is None:
        user = verified_user(request, username, password)
    if api_password_refused(user):
        raise ActionError(
            _(
                "This account logs in with two factors: pass an API token in place of the "
                "password. Create one on the account security page."
            ),
            code="auth",
            field="token",
        )
    authinfo_cache.remember(username, password, user)
    return user, None


def verified_user(request, username: str, password: str):
    """The active user with this password, through the authentication backends (axes
    counts a failure and refuses a locked-out login)."""
    user = authenticate(request, username=username, password=password)
    if getattr(request, "axes_locked_out", False):
        # Answer in the wire format (clients look for doc.error in an HTTP 200), instead
        # of the lockout page axes' middleware would put in its place.
        request.axes_locked_out = False
        raise locked_out()
    if user is None or not user.is_active:
        raise ActionError(_("Wrong login or password."), code="auth", field="badpassword")
    return user


def locked_out() -> ActionError:
    return ActionError(
        _("Too many failed logins. Wait a while, then try again."), code="auth", field="locked"
    )


def forget_authinfo(params) -> None:
    """`logout` with `authinfo=`: the next call with these credentials is verified again."""
    username, _sep, password = params.get("authinfo", "").partition(":")
    authinfo_cache.forget(username, password)


def session_cookie(request) -> str:
    """BILLmanager's session cookie, for clients that keep one (never Django's own session
    cookie). A browser sends it along from other sites' pages too, even on a link click
    (a GET may act here), so a cross-site request uses it only from an allowed origin."""
    cross_site = request.headers.get("Sec-Fetch-Site") == "cross-site"
    if cross_site and cors.allowed_origin(request) is None:
        return ""
    return request.COOKIES.get(settings.BILLMGR_SESSION_COOKIE, "")


def identify(request, params) -> Caller:
    if params.get("authinfo"):
        username, _sep, password = params["authinfo"].partition(":")
        user, token = log_in(request, username, password)
        return Caller(user, token_id=token.pk if token else None)
    session, user = sessions.open_session(params.get("auth", "") or session_cookie(request))
    if user is None:
        raise ActionError(
            _("Log in first: pass auth=<session id> from func=auth, or authinfo=login:password."),
            code="auth",
            field="auth",
        )
    was_acting = impersonation.is_acting(session)
    user = impersonation.effective_user(session, user, channel=API)
    if was_acting and acting_staff(user) is None:
        # A ticket.su session exists only to act: when acting ends it ends, instead of
        # going on as the staff member's own session in whoever's hands it is.
        sessions.end_session(session)
        raise ActionError(
            _("Acting as the client has ended and so has this session. Log in again."),
            code="auth",
            field="auth",
        )
    return Caller(user, session, sessions.token_of(session))


@contextmanager
def acting_for_call(user, login: str):
    """Staff's `su=<login>`: this one call runs as that client user, audited."""
    if not login:
        yield user
        return
    if not is_desk_user(user):
        raise ActionError(_("Only staff may act as a client."), code="access", field="su")
    target = User.objects.filter(username=login).first()
    # One answer for "no such login" and "not yours", so logins cannot be probed.
    if target is None or not can_act_as(user, target):
        raise ActionError(_("You may not act as %(login)s.") % {"login": login[:150]},
                          code="access", field="su")  # fmt: skip
    state = {}
    impersonation.start(state, actor=user, target=target, channel=API)
    try:
        yield impersonation.effective_user(state, user, channel=API)
    finally:
        impersonation.stop(state, actor=user, channel=API)
