from django.contrib import admin

from helpdesk.violations.models import Violation


@admin.register(Violation)
class ViolationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "client", "ticket", "score", "action", "created_by")
    list_filter = ("action",)
    search_fields = ("client__name", "=ticket__id", "note")
    autocomplete_fields = ("client",)
    raw_id_fields = ("ticket", "service", "created_by")
    list_select_related = ("client", "ticket", "created_by")
