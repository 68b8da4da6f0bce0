from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from helpdesk.tickets.events import describe
from helpdesk.tickets.models import (
    Department,
    Provider,
    SavedFilter,
    Service,
    ServiceStatusChange,
    Ticket,
    TicketEvent,
)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "incident_price", "currency")
    search_fields = ("name",)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "provider", "shown_to_clients", "requires_incident", "response_minutes")
    list_filter = ("provider", "shown_to_clients", "requires_incident")
    search_fields = ("name", "provider__name")
    autocomplete_fields = ("members",)
    list_select_related = ("provider",)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "status", "client", "provider")
    list_filter = ("status", "kind", "provider")
    search_fields = ("name", "client__name")
    autocomplete_fields = ("client",)
    list_select_related = ("client", "provider")


@admin.register(ServiceStatusChange)
class ServiceStatusChangeAdmin(admin.ModelAdmin):
    list_display = ("changed_at", "service", "old_status", "new_status", "reason", "changed_by")
    search_fields = ("service__name", "reason")
    raw_id_fields = ("service", "changed_by")
    list_select_related = ("service", "changed_by")


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Root's view of every ticket. Nothing is ever deleted: closing happens in the desk."""

    list_display = (
        "id", "subject", "client", "department", "status", "in_queue", "priority",
        "responsible", "last_message_at",
    )  # fmt: skip
    list_filter = ("status", "in_queue", "priority", "high_priority", "department", "provider")
    search_fields = ("=id", "subject", "client__name")
    autocomplete_fields = ("client", "department", "provider", "service")
    raw_id_fields = ("created_by", "responsible", "blocked_by")
    readonly_fields = ("queue_key", "created_at", "last_message_at", "last_message_excerpt")
    list_select_related = ("client", "department__provider", "responsible")
    show_full_result_count = False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SavedFilter)
class SavedFilterAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "updated_at")
    list_filter = ("kind",)
    search_fields = ("user__username",)
    raw_id_fields = ("user",)
    list_select_related = ("user",)


@admin.register(TicketEvent)
class TicketEventAdmin(admin.ModelAdmin):
    """The audit trail of ticket changes: root reads it; nobody writes or removes a row."""

    list_display = ("created_at", "ticket", "kind", "actor", "text")
    list_filter = ("kind",)
    search_fields = ("=ticket__id", "actor__username")
    raw_id_fields = ("ticket", "actor")
    list_select_related = ("ticket", "actor")
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("what"))
    def text(self, event):
        return describe(event)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
