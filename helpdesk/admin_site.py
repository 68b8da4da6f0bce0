from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

from accounts.policies import can_enter_admin

# The machinery's own tables: root rarely needs them, so the index shows them last, in one
# "System" group, instead of among the helpdesk's.
SYSTEM_APPS = {"axes", "django_tasks_database", "otp_static", "otp_totp", "auth"}
SYSTEM_MODELS = {("tickets", "SavedFilter"), ("accounts", "AuditEvent")}


class RootAdminSite(admin.AdminSite):
    """The Django admin, for root only (staff work in the desk)."""

    site_header = _("Helpdesk administration")
    site_title = _("Helpdesk administration")

    def has_permission(self, request):
        return can_enter_admin(request.user)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        kept, system = [], []
        for app in apps:
            if app["app_label"] in SYSTEM_APPS:
                system += app["models"]
                continue
            models = [
                m
                for m in app["models"]
                if (app["app_label"], m["object_name"]) not in SYSTEM_MODELS
            ]
            system += [m for m in app["models"] if m not in models]
            if models:
                kept.append({**app, "models": models})
        if system:
            system.sort(key=lambda model: str(model["name"]))
            kept.append({"name": _("System"), "app_label": "system", "app_url": "",
                         "has_module_perms": True, "models": system})  # fmt: skip
        return kept


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record nobody edits, root included: the audit trails."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RootAdminConfig(AdminConfig):
    default_site = "helpdesk.admin_site.RootAdminSite"
