from django.contrib import admin

from helpdesk.violations.models import ScoreRule, Violation


@admin.register(Violation)
class ViolationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "client", "ticket", "score", "action", "status", "deadline",
                    "created_by")  # fmt: skip
    list_filter = ("status", "action")
    search_fields = ("client__name", "=ticket__id", "note")
    autocomplete_fields = ("client",)
    raw_id_fields = ("ticket", "service", "created_by")
    list_select_related = ("client", "ticket", "created_by")


@admin.register(ScoreRule)
class ScoreRuleAdmin(admin.ModelAdmin):
    """Per provider: whether points count, the limit, what happens at it, and expiry."""

    list_display = ("provider", "enabled", "limit", "suspend_all", "refuse_orders", "expiry_days")
    list_select_related = ("provider",)
