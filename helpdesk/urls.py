from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language

from accounts import views as account_views
from accounts.decorators import before_code
from helpdesk.api import views as api_views
from helpdesk.messages.views import files as file_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("helpdesk.mail.urls")),  # before accounts/: /accounts/notifications/
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's, a download).
    path("favicon.ico", account_views.favicon, name="favicon"),
    path("accounts/", include("accounts.urls")),
    path("i18n/setlang/", before_code(set_language), name="set_language"),
    # An axios base URL of https://host/billmgr posts to /billmgr/: both answer.
    re_path(r"^billmgr/?$", api_views.endpoint, name="billmgr"),
    path("markdownx/", include("helpdesk.messages.markdownx_urls")),
    path("desk/", include("helpdesk.desk_urls", namespace="desk")),
    path("home/", account_views.home, name="home"),
    path("files/<int:attachment_id>/", file_views.attachment, name="attachment"),
    path("", include("helpdesk.portal_urls", namespace="portal")),
]
