"""The variables a reply template may hold, filled from one ticket. A fixed table of
names, each read by its own function: nothing in a template can reach other attributes
(no format strings, no template language)."""

import re

from django.utils.translation import gettext as _

from helpdesk.errors import ActionError

VARIABLE = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")

VARIABLES = {
    "client.name": lambda ticket, staff: ticket.client.name,
    "user.first_name": lambda ticket, staff: ticket.created_by.first_name,
    "ticket.id": lambda ticket, staff: str(ticket.pk),
    "ticket.subject": lambda ticket, staff: ticket.subject,
    "staff.first_name": lambda ticket, staff: staff.first_name,
    "department.name": lambda ticket, staff: ticket.department.name,
}
# What render() reads from the ticket: join them when rendering for many tickets.
TICKET_COLUMNS = ("client", "created_by", "department")


def check_variables(body: str, *, field="message") -> None:
    """Refuse a text naming a variable that does not exist."""
    unknown = sorted({name for name in VARIABLE.findall(body) if name not in VARIABLES})
    if unknown:
        raise ActionError(
            _("Unknown variables: %(names)s. Known: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(sorted(VARIABLES))},
            field=field,
        )


def render(body: str, *, ticket, staff) -> str:
    """The text with each known variable filled in; anything else stays as written."""

    def fill(match):
        reader = VARIABLES.get(match.group(1))
        return match.group(0) if reader is None else (reader(ticket, staff) or "")

    return VARIABLE.sub(fill, body)
