from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagesConfig(AppConfig):
    name = "helpdesk.messages"
    # "messages" is django.contrib.messages' label.
    label = "ticket_messages"
    verbose_name = _("Ticket messages")
