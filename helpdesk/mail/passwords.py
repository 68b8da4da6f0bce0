"""Mailbox passwords at rest: Fernet (AES, authenticated) with keys from the environment,
so a copy of the database alone does not give away the mail servers' logins."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def cipher() -> MultiFernet:
    """`HELPDESK_MAIL_KEY` may list several keys, newest first: the first encrypts, any of
    them decrypts (rotation). Without it, a key derived from SECRET_KEY."""
    keys = [key.strip() for key in settings.MAIL_PASSWORD_KEYS if key.strip()]
    if not keys:
        digest = hashlib.sha256(b"helpdesk.mail.passwords:" + settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "HELPDESK_MAIL_KEY must be Fernet keys (32 url-safe base64 bytes), comma-separated"
        ) from error


def encrypt(password: str) -> bytes:
    return cipher().encrypt(password.encode())


def decrypt(token: bytes) -> str:
    try:
        return cipher().decrypt(token).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A mailbox password cannot be read with HELPDESK_MAIL_KEY; set the key it was "
            "saved with, or enter the password again in the admin"
        ) from error
