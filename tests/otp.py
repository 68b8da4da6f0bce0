"""Second-factor helpers for tests: enrol a user, compute the codes an app would show."""

from base64 import b32decode

from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from accounts import actions


def enrol(user):
    """A confirmed authenticator and its recovery codes, made by the real actions."""
    return actions.enrol_authenticator(user, key=default_key())


def code_of(key: bytes, ahead: int = 0) -> str:
    """The code an app shows now (`ahead` steps later: a code already used in this
    30-second step is refused, so the next login within it uses the next step's)."""
    return f"{totp(key, drift=ahead):06d}"


def code_from_secret(secret_text: str, ahead: int = 0) -> str:
    """From the secret as the enrolment page shows it ("ABCD EFGH …")."""
    return code_of(b32decode("".join(secret_text.split())), ahead)


def verified_login(client, user, device):
    """A browser session that gave its password (forced) and a current code."""
    client.force_login(user)
    answer = client.post(reverse("login_code"), {"code": code_of(device.bin_key)})
    assert answer.status_code == 302


def unthrottle(user) -> None:
    """Move the last failure into the past, as if the user waited the back-off out."""
    long_ago = timezone.now() - timezone.timedelta(hours=2)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=long_ago)
