from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from accounts import views as account_views
from accounts.decorators import before_code

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("i18n/setlang/", before_code(set_language), name="set_language"),
    path("billmgr", include("helpdesk.api.urls")),
    path("markdownx/", include("helpdesk.messages.markdownx_urls")),
    path("desk/", include("helpdesk.desk_urls", namespace="desk")),
    path("home/", account_views.home, name="home"),
    path("", include("helpdesk.portal_urls", namespace="portal")),
]
