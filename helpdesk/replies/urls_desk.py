from django.urls import path

from helpdesk.replies.views import desk

urlpatterns = [
    path(
        "replies/<int:template_id>/render/<int:ticket_id>/",
        desk.template_render,
        name="reply_template_render",
    ),
]
