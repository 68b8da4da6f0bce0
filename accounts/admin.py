from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.models import Attitude, AuditEvent, Client, ClientGroup, LedgerEntry, User
from helpdesk.admin_site import ReadOnlyAdmin


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


LEDGER_SHOWN = 20


def changelist_link(model_label: str, text, **filters) -> str:
    """A link to an admin list narrowed to `filters` (bounded: the list pages itself)."""
    url = reverse(f"admin:{model_label}_changelist")
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return format_html('<a href="{}?{}">{}</a>', url, query, text)


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    """The whole client on one page: the balance with its newest ledger entries, and links
    to the users, services, tickets and violations (lists, never unbounded inlines)."""

    list_display = ("name", "email", "attitude", "premium", "created_at")
    list_filter = ("premium", "attitude", "groups")
    search_fields = ("name", "email", "users__username")
    filter_horizontal = ("groups",)
    list_select_related = ("attitude",)
    readonly_fields = ("balance", "ledger", "related")

    @admin.display(description=_("balance"))
    def balance(self, client):
        return client.balance() if client.pk else "—"

    @admin.display(description=_("ledger"))
    def ledger(self, client):
        if not client.pk:
            return "—"
        entries = client.ledger.select_related("created_by").order_by("-created_at", "-id")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (entry.created_at.strftime("%Y-%m-%d %H:%M"), entry.get_kind_display(),
                 entry.amount, entry.comment)
                for entry in entries[:LEDGER_SHOWN]
            ),
        )  # fmt: skip
        every = changelist_link(
            "accounts_ledgerentry", _("Every entry"), client__id__exact=client.pk
        )
        return format_html(
            '<table class="ledger"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>'
            "</thead><tbody>{}</tbody></table><p>{}</p>",
            _("when"), _("kind"), _("amount"), _("comment"), rows, every,
        )  # fmt: skip

    @admin.display(description=_("related"))
    def related(self, client):
        if not client.pk:
            return "—"
        links = [
            changelist_link("accounts_user", _("Users"), client__id__exact=client.pk),
            changelist_link("tickets_service", _("Services"), client__id__exact=client.pk),
            changelist_link("tickets_ticket", _("Tickets"), client__id__exact=client.pk),
            changelist_link("violations_violation", _("Violations"), client__id__exact=client.pk),
        ]
        return format_html_join(" · ", "{}", ((link,) for link in links))


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
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor", "action", "acting_as", "channel", "detail")
    list_filter = ("action", "channel")
    search_fields = ("actor__username", "acting_as__username", "detail")
    list_select_related = ("actor", "acting_as")
    date_hierarchy = "created_at"
