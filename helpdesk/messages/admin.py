from django.contrib import admin

from helpdesk.messages.models import Attachment, Message, MessageRevision


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ("name", "size", "content_type")
    readonly_fields = fields
    can_delete = False


class RevisionInline(admin.TabularInline):
    model = MessageRevision
    extra = 0
    fields = ("edited_at", "edited_by", "body")
    readonly_fields = fields
    can_delete = False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("id", "ticket", "kind", "author", "created_at", "hidden", "rating")
    list_filter = ("kind", "hidden", "rating")
    search_fields = ("=ticket__id", "body")
    raw_id_fields = ("ticket", "author", "hidden_by")
    readonly_fields = ("html", "edited_at")
    list_select_related = ("ticket", "author")
    inlines = [AttachmentInline, RevisionInline]
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("name", "message", "size", "content_type")
    search_fields = ("name",)
    raw_id_fields = ("message",)
