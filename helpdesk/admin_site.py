from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

from accounts.policies import can_enter_admin


class RootAdminSite(admin.AdminSite):
    """The Django admin, for root only (staff work in the desk)."""

    site_header = _("Helpdesk administration")
    site_title = _("Helpdesk administration")

    def has_permission(self, request):
        return can_enter_admin(request.user)


class RootAdminConfig(AdminConfig):
    default_site = "helpdesk.admin_site.RootAdminSite"
