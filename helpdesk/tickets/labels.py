"""How a ticket's status is worded: for staff (the model's choices) and for clients, who
read "awaiting your response" and see archived tickets apart."""

from django.utils.translation import gettext_lazy as _

from helpdesk.tickets.filters import CLIENT_STATUSES
from helpdesk.tickets.models import Ticket

STAFF_STATUS_LABELS = dict(Ticket.Status.choices)
CLIENT_STATUS_LABELS = {**dict(CLIENT_STATUSES), Ticket.Status.ARCHIVED: _("archived")}
