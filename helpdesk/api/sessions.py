"""API sessions (`func=auth` → `auth=SID`): Django's database sessions, so any app server
can answer, holding the user id. They expire after HELPDESK["API_SESSION_SECONDS"] without
use. They are never browser sessions: the keys differ, so a SID is no login cookie."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.policies import api_password_refused
from accounts.roles import Role

USER_KEY = "api_user_id"
HASH_KEY = "api_user_hash"
SEEN_KEY = "api_seen"
TOKEN_KEY = "api_token_id"
MAX_KEY_LENGTH = 40
# BILLmanager's access levels, which clients read from <auth level="...">.
LEVELS = {Role.USER: 16, Role.ADMIN: 28, Role.ROOT: 30}


def lifetime() -> int:
    return settings.HELPDESK["API_SESSION_SECONDS"]


def start_session(user, *, token_id=None) -> SessionStore:
    """`token_id`: the API token the session was opened with; revoking it ends the session."""
    session = SessionStore()
    session[USER_KEY] = user.pk
    if token_id is not None:
        session[TOKEN_KEY] = token_id
    session[HASH_KEY] = user.get_session_auth_hash()
    session[SEEN_KEY] = timezone.now().isoformat()
    session.set_expiry(lifetime())
    session.create()
    return session


def open_session(key: str):
    """The live session and its user for a SID, or (None, None)."""
    if not key or len(key) > MAX_KEY_LENGTH or not key.isalnum():
        return None, None
    session = SessionStore(session_key=key)
    user = User.objects.filter(pk=session.get(USER_KEY), is_active=True).first()
    if user is None or session.get(HASH_KEY) != user.get_session_auth_hash():
        return None, None
    if not opened_rightly(session, user):
        return None, None
    touch(session)
    return session, user


def opened_rightly(session, user) -> bool:
    """A session opened with a token lives while the token does; one opened with the
    password ends when the account turns to two-factor login (else it would outlive that)."""
    token_id = token_of(session)
    if token_id is None:
        return not api_password_refused(user)
    return ApiToken.objects.live().filter(pk=token_id, user=user).exists()


def token_of(session):
    return session.get(TOKEN_KEY)


def touch(session) -> None:
    """Slide the expiry; written at most once a minute so a busy poller costs no writes."""
    seen = datetime.fromisoformat(session.get(SEEN_KEY) or "2000-01-01T00:00:00+00:00")
    if timezone.now() - seen > timedelta(seconds=min(60, lifetime() // 10)):
        session[SEEN_KEY] = timezone.now().isoformat()
        session.set_expiry(lifetime())
        session.save()


def end_session(session) -> None:
    session.delete()


def level(user) -> int:
    return LEVELS[user.role]
