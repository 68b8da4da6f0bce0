"""The tickets' pages of the staff desk. URL names follow BILLmanager's functions."""

from django.urls import path

from helpdesk.tickets.views.desk import (
    group,
    list_actions,
    lists,
    live,
    saved_views,
    search,
    su,
    thread,
    ticket,
)

urlpatterns = [
    # Lists and what is done from them.
    path("", lists.queue, name="queue"),
    path("all/", lists.ticket_all, name="ticket_all"),
    path("changes/", live.ticket_changes, name="ticket_changes"),
    path("search/", search.ticket_search, name="ticket_search"),
    path("filter/", list_actions.ticket_filter, name="ticket_filter"),
    path("setfilter/", list_actions.ticket_setfilter, name="ticket_setfilter"),
    path("views/save/", saved_views.view_save, name="view_save"),
    path("views/apply/", saved_views.view_apply, name="view_apply"),
    path("views/delete/", saved_views.view_delete, name="view_delete"),
    path("clients/autocomplete/", list_actions.client_autocomplete, name="client_autocomplete"),
    path("close/", list_actions.ticket_close, name="ticket_close"),
    path("unblock/", list_actions.ticket_unblock, name="ticket_unblock"),
    path("group-reply/", list_actions.ticket_group_reply, name="ticket_group_reply"),
    path("group-update/", group.ticket_group_update, name="ticket_group_update"),
    path("group-note/", group.ticket_group_note, name="ticket_group_note"),
    # One ticket.
    path("tickets/<int:ticket_id>/", ticket.ticket_edit, name="ticket_edit"),
    path("tickets/<int:ticket_id>/open/", ticket.ticket_open, name="ticket_open"),
    path("tickets/<int:ticket_id>/take-over/", ticket.ticket_take_over, name="ticket_take_over"),
    path("tickets/<int:ticket_id>/watch/", live.ticket_watch, name="ticket_watch"),
    path("tickets/<int:ticket_id>/release/", ticket.ticket_release, name="ticket_release"),
    path("tickets/<int:ticket_id>/reply/", ticket.ticket_reply, name="ticket_reply"),
    path("tickets/<int:ticket_id>/note/", ticket.ticket_note, name="ticket_note"),
    path("tickets/<int:ticket_id>/params/", ticket.ticket_params, name="ticket_params"),
    path("tickets/<int:ticket_id>/su/", su.ticket_su, name="ticket_su"),
    path(
        "tickets/<int:ticket_id>/messages/<int:message_id>/edit/",
        thread.ticket_message_edit,
        name="ticket_message_edit",
    ),
    path(
        "tickets/<int:ticket_id>/messages/<int:message_id>/hide/",
        thread.ticket_message_hide,
        name="ticket_message_hide",
    ),
    path(
        "tickets/<int:ticket_id>/messages/<int:message_id>/split/",
        thread.ticket_split,
        name="ticket_split",
    ),
    path("files/<int:attachment_id>/", ticket.ticket_file, name="ticket_file"),
]
