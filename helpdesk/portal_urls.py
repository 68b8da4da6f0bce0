"""The client portal, /."""

from django.urls import path

from helpdesk.tickets.views import portal as ticket_views

app_name = "portal"
urlpatterns = [
    path("", ticket_views.ticket_list, name="ticket_list"),
]
