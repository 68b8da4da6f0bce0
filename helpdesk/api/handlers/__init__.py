"""The API functions; importing this package registers them all."""

from helpdesk.api.handlers import (  # noqa: F401
    client_tickets,
    filters,
    incidents,
    messages,
    replies,
    session,
    staff_lists,
    staff_ticket,
)
