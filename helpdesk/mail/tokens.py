"""The signed ticket token in a reply address: support+t123.SIG@host."""

import re

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
