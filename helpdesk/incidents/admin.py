from django.contrib import admin

from helpdesk.incidents.models import IncidentEntry, TicketExpense


@admin.register(IncidentEntry)
class IncidentEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "client", "kind", "delta", "provider", "ticket")
    list_filter = ("kind", "provider")
    search_fields = ("client__name",)
    autocomplete_fields = ("client",)
    raw_id_fields = ("ticket", "ledger_entry", "created_by")
    list_select_related = ("client", "provider", "ticket")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TicketExpense)
class TicketExpenseAdmin(admin.ModelAdmin):
    list_display = ("created_at", "ticket", "amount", "comment", "created_by")
    search_fields = ("=ticket__id", "comment")
    raw_id_fields = ("ticket", "ledger_entry", "created_by")
    list_select_related = ("ticket", "created_by")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
