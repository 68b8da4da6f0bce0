from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Attitude, AuditEvent, Client, ClientGroup, LedgerEntry, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "client", "is_active")
    list_filter = ("groups", "is_active", "is_superuser")
    search_fields = ("username", "email", "first_name", "last_name", "client__name")
    autocomplete_fields = ("client",)
    list_select_related = ("client",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Client account"), {"fields": ("client",)}),
    )


class LedgerInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    fields = ("created_at", "kind", "amount", "comment", "created_by")
    readonly_fields = fields
    can_delete = False
    ordering = ("-created_at",)
    max_num = 0
    show_change_link = False


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "attitude", "premium", "created_at")
    list_filter = ("premium", "attitude", "groups")
    search_fields = ("name", "email", "users__username")
    filter_horizontal = ("groups",)
    list_select_related = ("attitude",)


@admin.register(ClientGroup)
class ClientGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "weight")
    search_fields = ("name",)


@admin.register(Attitude)
class AttitudeAdmin(admin.ModelAdmin):
    list_display = ("name", "weight")
    search_fields = ("name",)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """The balance is a ledger: entries are added (a correction is a new entry), never edited."""

    list_display = ("created_at", "client", "kind", "amount", "comment", "created_by")
    list_filter = ("kind",)
    search_fields = ("client__name", "comment")
    autocomplete_fields = ("client",)
    raw_id_fields = ("created_by",)
    list_select_related = ("client", "created_by")
    date_hierarchy = "created_at"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "acting_as", "channel", "detail")
    list_filter = ("action", "channel")
    search_fields = ("actor__username", "acting_as__username", "detail")
    list_select_related = ("actor", "acting_as")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
