"""A verified `login:password`, remembered for a few minutes: `authinfo=` sends the password
with every call, and hashing it costs ~300 ms each time (PBKDF2 is slow on purpose).

The entry lives in Django's default cache (with the local-memory backend, one per worker
process: each worker hashes once) under an HMAC of login and password, never the password.
It holds the user's id and a fingerprint of the user's password hash: the row is loaded on
every call anyway, so a changed password or a deactivated user refuses the entry at once,
without signals. The caller still checks lock-out on every call."""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

from accounts.models import User

PURPOSE = "helpdesk.api.authinfo_cache"


def recall(username: str, password: str):
    """The active user these credentials were verified for, if still valid; else None."""
    if settings.AUTHINFO_CACHE_SECONDS <= 0:
        return None
    key = _key(username, password)
    entry = cache.get(key)
    if entry is None:
        return None
    user = User.objects.filter(pk=entry["user"], username=username).first()
    if user is None or not user.is_active or not _same_hash(entry["hash"], user):
        cache.delete(key)
        return None
    return user


def remember(username: str, password: str, user) -> None:
    """Only after the password was verified and every check passed."""
    if settings.AUTHINFO_CACHE_SECONDS > 0:
        entry = {"user": user.pk, "hash": _fingerprint(user)}
        cache.set(_key(username, password), entry, settings.AUTHINFO_CACHE_SECONDS)


def forget(username: str, password: str) -> None:
    cache.delete(_key(username, password))


def _key(username: str, password: str) -> str:
    digest = salted_hmac(PURPOSE, f"{username}\0{password}", algorithm="sha256")
    return f"authinfo:{digest.hexdigest()}"


def _fingerprint(user) -> str:
    # Of the hash, not the hash itself: the cache need not hold anything to crack.
    return salted_hmac(f"{PURPOSE}.hash", user.password, algorithm="sha256").hexdigest()


def _same_hash(fingerprint: str, user) -> bool:
    return constant_time_compare(fingerprint, _fingerprint(user))
