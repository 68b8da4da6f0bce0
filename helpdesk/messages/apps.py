from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagesConfig(AppConfig):
    name = "helpdesk.messages"
    # "messages" is django.contrib.messages' label.
    label = "ticket_messages"
    verbose_name = _("Ticket messages")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from helpdesk.search.migration_sql import (
            drop_sqlite_cross_table_triggers,
            restore_sqlite_triggers,
        )

        pre_migrate.connect(drop_sqlite_cross_table_triggers, sender=self)
        post_migrate.connect(restore_sqlite_triggers, sender=self)
