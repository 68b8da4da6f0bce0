"""The API functions; importing this package registers them all."""

from helpdesk.api.handlers import (  # noqa: F401
    abuse,
    client_tickets,
    filters,
    incidents,
    menu,
    messages,
    replies,
    reports,
    session,
    staff_lists,
    staff_ticket,
)
