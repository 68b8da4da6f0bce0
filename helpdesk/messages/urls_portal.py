from django.urls import path

from helpdesk.messages.views import portal

urlpatterns = [
    path(
        "tickets/<int:ticket_id>/messages/<int:message_id>/rate/",
        portal.message_rate,
        name="message_rate",
    ),
    path("attachments/<int:attachment_id>/", portal.ticket_file, name="ticket_file"),
]
