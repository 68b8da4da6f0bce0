from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagesConfig(AppConfig):
    name = "helpdesk.messages"
    # "messages" is django.contrib.messages' label.
    label = "ticket_messages"
    verbose_name = _("Ticket messages")

    def ready(self):
        from django.db.models.signals import post_migrate

        from helpdesk.search.migration_sql import restore_sqlite_triggers

        post_migrate.connect(restore_sqlite_triggers, sender=self)
