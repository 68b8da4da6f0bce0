"""The signed ticket token in a reply address (support+t123.SIG@host) and in the thread's
Message-ID (<t123.SIG@host>)."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing

SALT = "helpdesk.mail.ticket"
TOKEN = re.compile(r"\+t(\d{1,18})\.([A-Za-z0-9_-]{6,64})@", re.ASCII)


def signature(ticket_id: int) -> str:
    return signing.Signer(salt=SALT).signature(str(ticket_id))[:16]


def reply_address(mailbox_address: str, ticket_id: int) -> str:
    local, _, domain = mailbox_address.partition("@")
    return f"{local}+t{ticket_id}.{signature(ticket_id)}@{domain}"


def ticket_id_in(addresses: str) -> int | None:
    """The ticket named by a verified token among the addresses, else None."""
    for match in TOKEN.finditer(addresses or ""):
        ticket_id, given = int(match[1]), match[2]
        if signing.constant_time_compare(given, signature(ticket_id)):
            return ticket_id
    return None


THREAD_ID = re.compile(r"^<t(\d{1,18})\.([A-Za-z0-9_-]{6,64})@[^<>@\s]+>$", re.ASCII)


def mail_domain() -> str:
    """The right side of the Message-IDs we make: the helpdesk's own host name."""
    return urlsplit(settings.SITE_URL).hostname or "helpdesk.localhost"


def thread_id(ticket_id: int) -> str:
    """The Message-ID every mail about a ticket refers to as its thread's first message
    (References), so mail programs keep them together and replies find the ticket."""
    return f"<t{ticket_id}.{signature(ticket_id)}@{mail_domain()}>"


def ticket_id_in_thread_id(message_id: str) -> int | None:
    match = THREAD_ID.match(message_id or "")
    if match and signing.constant_time_compare(match[2], signature(int(match[1]))):
        return int(match[1])
    return None
