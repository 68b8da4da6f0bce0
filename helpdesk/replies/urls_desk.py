from django.urls import path

from helpdesk.replies.views import desk

urlpatterns = [
    path("replies/", desk.reply_template_list, name="reply_template_list"),
    path("replies/new/", desk.reply_template_new, name="reply_template_new"),
    path("replies/<int:template_id>/", desk.reply_template_edit, name="reply_template_edit"),
    path(
        "replies/<int:template_id>/delete/",
        desk.reply_template_delete,
        name="reply_template_delete",
    ),
    path("replies/<int:template_id>/move/", desk.reply_template_move, name="reply_template_move"),
    path(
        "replies/<int:template_id>/render/<int:ticket_id>/",
        desk.template_render,
        name="reply_template_render",
    ),
]
