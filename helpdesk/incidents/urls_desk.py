from django.urls import path

from helpdesk.incidents.views import desk

urlpatterns = [
    path("tickets/<int:ticket_id>/charge/", desk.ticket_expense, name="ticket_expense"),
    path("tickets/<int:ticket_id>/incidents/", desk.incident_count, name="incident_count"),
]
