from django.contrib import admin

from helpdesk.mail.models import BlockedSender, Mailbox


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = ["address", "department", "method", "is_abuse", "enabled"]
    list_filter = ["enabled", "is_abuse"]


@admin.register(BlockedSender)
class BlockedSenderAdmin(admin.ModelAdmin):
    list_display = ["address"]
    search_fields = ["address"]
