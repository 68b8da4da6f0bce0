from django.urls import path

from helpdesk.incidents.views import portal

urlpatterns = [
    path("paid-support/", portal.incident, name="incident"),
    path("paid-support/confirm/", portal.incident_confirm, name="incident_confirm"),
    path("paid-support/buy/", portal.incident_buy, name="incident_buy"),
]
