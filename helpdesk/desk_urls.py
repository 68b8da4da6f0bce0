"""The staff desk, /desk/. URL names follow BILLmanager's functions where one exists."""

from django.urls import path

from helpdesk.favorites import desk_views as favorite_views
from helpdesk.incidents import desk_views as incident_views
from helpdesk.tickets.views.desk import list_actions, lists, su, thread, ticket
from helpdesk.violations import desk_views as violation_views

app_name = "desk"
urlpatterns = [
    # Lists and what is done from them.
    path("", lists.queue, name="queue"),
    path("all/", lists.ticket_all, name="ticket_all"),
    path("favorites/", favorite_views.ticket_favorite, name="ticket_favorite"),
    path("filter/", list_actions.ticket_filter, name="ticket_filter"),
    path("setfilter/", list_actions.ticket_setfilter, name="ticket_setfilter"),
    path("clients/autocomplete/", list_actions.client_autocomplete, name="client_autocomplete"),
    path("close/", list_actions.ticket_close, name="ticket_close"),
    path("unblock/", list_actions.ticket_unblock, name="ticket_unblock"),
    path("favorites/add/", favorite_views.favorite_add, name="favorite_add"),
    path("favorites/remove/", favorite_views.favorite_remove, name="favorite_remove"),
    # One ticket.
    path("tickets/<int:pk>/", ticket.ticket_edit, name="ticket_edit"),
    path("tickets/<int:pk>/open/", ticket.ticket_open, name="ticket_open"),
    path("tickets/<int:pk>/take-over/", ticket.ticket_take_over, name="ticket_take_over"),
    path("tickets/<int:pk>/reply/", ticket.ticket_reply, name="ticket_reply"),
    path("tickets/<int:pk>/note/", ticket.ticket_note, name="ticket_note"),
    path("tickets/<int:pk>/params/", ticket.ticket_params, name="ticket_params"),
    path("tickets/<int:pk>/su/", su.ticket_su, name="ticket_su"),
    path("tickets/<int:pk>/violation/", violation_views.show_abuse, name="show_abuse"),
    path("tickets/<int:pk>/charge/", incident_views.ticket_expense, name="ticket_expense"),
    path("tickets/<int:pk>/incidents/", incident_views.incident_count, name="incident_count"),
    path(
        "tickets/<int:pk>/messages/<int:message_pk>/edit/",
        thread.ticket_message_edit,
        name="ticket_message_edit",
    ),
    path(
        "tickets/<int:pk>/messages/<int:message_pk>/hide/",
        thread.ticket_message_hide,
        name="ticket_message_hide",
    ),
    path(
        "tickets/<int:pk>/messages/<int:message_pk>/split/",
        thread.ticket_split,
        name="ticket_split",
    ),
    path("files/<int:pk>/", ticket.ticket_file, name="ticket_file"),
]
