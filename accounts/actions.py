"""Writes about a login's security: the second factor (django-otp devices) and API tokens.
Each leaves an AuditEvent with the user as its actor."""

import math
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import API_TOKEN_PREFIX, ApiToken, AuditEvent, User, api_token_digest

RECOVERY_CODE_COUNT = 10
TOKEN_TOUCH_SECONDS = 60
AUTHENTICATOR = _("authenticator app")
RECOVERY = _("recovery code")


def audit(user: User, action: str, *, detail="", channel="web") -> None:
    AuditEvent.objects.create(actor=user, action=action, detail=str(detail)[:255], channel=channel)


@transaction.atomic
def enrol_authenticator(user: User, *, key: str, last_t: int = -1) -> tuple[TOTPDevice, list[str]]:
    """The caller checked a code of the secret `key` (`last_t`: the time step of that code,
    so it cannot log in again). Makes it the user's one authenticator and returns it with
    fresh recovery codes, to be shown once."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, key=key, name=str(AUTHENTICATOR), confirmed=True, last_t=last_t
    )
    audit(user, AuditEvent.Action.OTP_ENROLLED, detail=device.name)
    return device, replace_recovery_codes(user)


@transaction.atomic
def replace_recovery_codes(user: User) -> list[str]:
    """New recovery codes; the old ones stop working. Returns them, to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": str(RECOVERY), "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit(user, AuditEvent.Action.RECOVERY_CODES)
    return codes


@transaction.atomic
def remove_second_factor(user: User) -> None:
    """The authenticator and the recovery codes go together: codes alone are no factor."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit(user, AuditEvent.Action.OTP_REMOVED)


@dataclass
class CodeCheck:
    device: object = None  # the device that accepted the code
    wait_seconds: int = 0  # when refused by the throttle: how long until the next try


@transaction.atomic
def check_code(user: User, code: str, *, channel="web") -> CodeCheck:
    """Verify a login code: six digits against the authenticator, anything else against
    the recovery codes (which is then used up). Failures slow down (django-otp's throttle)
    and are committed, not rolled back: the result is returned, never raised."""
    model = TOTPDevice if is_app_code(code) else StaticDevice
    # The row lock makes two requests with the same recovery code take turns.
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        kind = AUTHENTICATOR if model is TOTPDevice else RECOVERY
        audit(user, AuditEvent.Action.OTP_FAILED, detail=kind, channel=channel)
        return CodeCheck()
    allowed, info = device.verify_is_allowed()
    if not allowed:
        audit(user, AuditEvent.Action.OTP_FAILED, detail=_("throttled"), channel=channel)
        return CodeCheck(wait_seconds=_seconds_until(info.get("locked_until")))
    if not device.verify_token(code):
        audit(user, AuditEvent.Action.OTP_FAILED, detail=device.name, channel=channel)
        return CodeCheck()
    audit(user, AuditEvent.Action.OTP_OK, detail=device.name, channel=channel)
    return CodeCheck(device=device)


def is_app_code(code: str) -> bool:
    """Six ASCII digits: an authenticator's code (recovery codes are eight letters and
    digits, so one is never taken for the other)."""
    return len(code) == 6 and code.isascii() and code.isdigit()


def _seconds_until(moment) -> int:
    if moment is None:
        return 1
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


@transaction.atomic
def create_api_token(user: User, *, name: str) -> str:
    """A new token for scripts; returns the secret, which is stored only as a digest."""
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:12], digest=api_token_digest(secret)
    )
    audit(user, AuditEvent.Action.TOKEN_CREATED, detail=token.name)
    return secret


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> None:
    """The caller checked that `by` may revoke `token` (its owner)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not token.is_live:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit(by, AuditEvent.Action.TOKEN_REVOKED, detail=token.name)


def api_token_login(login: str, secret: str):
    """The live token with `secret` of the active user `login`, or None."""
    if not secret.startswith(API_TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.live()
        .matching(secret)
        .filter(user__username=login, user__is_active=True)
        .select_related("user")
        .first()
    )
    if token is not None:
        _touch(token)
    return token


def _touch(token: ApiToken) -> None:
    """Record use at most once a minute, so a busy script costs no write per call."""
    now = timezone.now()
    last = token.last_used_at
    if last is None or (now - last).total_seconds() > TOKEN_TOUCH_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
