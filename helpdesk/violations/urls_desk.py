from django.urls import path

from helpdesk.violations.views import desk

urlpatterns = [
    path("tickets/<int:ticket_id>/violation/", desk.show_abuse, name="show_abuse"),
]
