from django.urls import path

from helpdesk.violations.views import portal

urlpatterns = [
    path("services/", portal.services, name="services"),
]
