from django.contrib import admin

from helpdesk.replies.models import ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "scope", "department", "owner", "provider", "order")
    list_filter = ("scope", "provider")
    search_fields = ("name",)
    list_select_related = ("department", "owner", "provider")
    raw_id_fields = ("owner",)
