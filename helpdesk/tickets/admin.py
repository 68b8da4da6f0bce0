from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from helpdesk.admin_site import ReadOnlyAdmin
from helpdesk.tickets.events import describe
from helpdesk.tickets.models import (
    BusinessHours,
    Department,
    Holiday,
    Provider,
    SavedFilter,
    Service,
    ServiceStatusChange,
    Ticket,
    TicketEvent,
)
from helpdesk.tickets.zones import zone_names


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "incident_price", "currency")
    search_fields = ("name",)


class BusinessHoursInline(admin.TabularInline):
    """The per-day editor: one row per working span; several a day for split shifts."""

    model = BusinessHours
    extra = 1


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 1


class DepartmentForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("time zone"),
        required=False,
        choices=lambda: [("", _("the installation's")), *((z, z) for z in zone_names())],
        help_text=_("Of its business hours and holidays."),
    )

    class Meta:
        model = Department
        fields = (
            "provider", "name", "members", "shown_to_clients", "requires_incident", "weight",
            "response_minutes", "time_zone", "workdays", "workday_start", "workday_end",
        )  # fmt: skip


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    form = DepartmentForm
    inlines = [BusinessHoursInline, HolidayInline]
    fieldsets = (
        (None, {"fields": ("provider", "name", "members", "shown_to_clients",
                           "requires_incident", "weight")}),
        (_("Response regulation"), {
            "fields": ("response_minutes", "time_zone", "workdays", "workday_start",
                       "workday_end"),
            "description": _("The uniform hours below apply only while the department has "
                             "no business hours per weekday (the table further down)."),
        }),
    )  # fmt: skip
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
    readonly_fields = (
        "desk_link", "queue_key", "created_at", "last_message_at", "last_message_excerpt",
        "thread",
    )  # fmt: skip
    list_select_related = ("client", "department__provider", "responsible")
    show_full_result_count = False

    @admin.display(description=_("on the desk"))
    def desk_link(self, ticket):
        if not ticket.pk:
            return "—"
        url = reverse("desk:ticket_edit", args=[ticket.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open this ticket on the desk"))

    @admin.display(description=_("messages"))
    def thread(self, ticket):
        """The conversation, newest last, as staff see it (notes and hidden ones marked)."""
        if not ticket.pk:
            return "—"
        messages = ticket.messages.select_related("author").order_by("created_at", "id")
        return format_html(
            '<ol class="admin-thread">{}</ol>',
            format_html_join(
                "",
                "<li><p><strong>{}</strong> · {} · {}{}</p>{}</li>",
                (
                    (message.author or _("system"), message.get_kind_display(),
                     message.created_at.strftime("%Y-%m-%d %H:%M"),
                     format_html(" · <em>{}</em>", _("hidden")) if message.hidden else "",
                     # sanitised when it was saved (messages.markdown), as the desk shows it
                     format_html("<div>{}</div>", mark_safe(message.html)))
                    for message in messages
                ),
            ),
        )  # fmt: skip

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
class TicketEventAdmin(ReadOnlyAdmin):
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
