"""The tickets' pages of the client portal."""

from django.urls import path

from helpdesk.tickets.views.portal import lists, search, ticket

urlpatterns = [
    path("", lists.ticket_list, name="ticket_list"),
    path("filter/", lists.ticket_filter, name="ticket_filter"),
    path("archive/", lists.ticket_archive, name="ticket_archive"),
    path("archived/", lists.archived_list, name="archived_list"),
    path("search/", search.ticket_search, name="ticket_search"),
    path("new/", ticket.ticket_new, name="ticket_new"),
    path("tickets/<int:ticket_id>/", ticket.ticket_detail, name="ticket_detail"),
    path("tickets/<int:ticket_id>/open/", ticket.ticket_open, name="ticket_open"),
    path("tickets/<int:ticket_id>/reply/", ticket.ticket_reply, name="ticket_reply"),
    path("tickets/<int:ticket_id>/solved/", ticket.ticket_solved, name="ticket_solved"),
]
