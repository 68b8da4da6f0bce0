from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("billmgr", include("helpdesk.api.urls")),
    path("markdownx/", include("helpdesk.messages.markdownx_urls")),
    path("desk/", include("helpdesk.desk_urls", namespace="desk")),
    path("home/", account_views.home, name="home"),
    path("", include("helpdesk.portal_urls", namespace="portal")),
]
