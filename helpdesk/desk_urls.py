"""The staff desk, /desk/."""

from django.urls import path

from helpdesk.tickets.views import desk as ticket_views

app_name = "desk"
urlpatterns = [
    path("", ticket_views.queue, name="queue"),
]
