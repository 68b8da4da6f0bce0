"""The client portal, /."""

from django.urls import path

from helpdesk.incidents import portal_views as incident_views
from helpdesk.messages import portal_views as message_views
from helpdesk.tickets.views import portal as list_views
from helpdesk.tickets.views import portal_ticket as ticket_views

app_name = "portal"
urlpatterns = [
    path("", list_views.ticket_list, name="ticket_list"),
    path("filter/", list_views.ticket_filter, name="ticket_filter"),
    path("archive/", list_views.ticket_archive, name="ticket_archive"),
    path("archived/", list_views.archived_list, name="archived_list"),
    path("new/", ticket_views.ticket_new, name="ticket_new"),
    path("tickets/<int:ticket_id>/", ticket_views.ticket_detail, name="ticket_detail"),
    path("tickets/<int:ticket_id>/open/", ticket_views.ticket_open, name="ticket_open"),
    path("tickets/<int:ticket_id>/reply/", ticket_views.ticket_reply, name="ticket_reply"),
    path(
        "tickets/<int:ticket_id>/messages/<int:message_id>/rate/",
        message_views.message_rate,
        name="message_rate",
    ),
    path(
        "attachments/<int:attachment_id>/",
        message_views.attachment_download,
        name="attachment_download",
    ),
    path("paid-support/", incident_views.incident, name="incident"),
    path("paid-support/confirm/", incident_views.incident_confirm, name="incident_confirm"),
    path("paid-support/buy/", incident_views.incident_buy, name="incident_buy"),
]
