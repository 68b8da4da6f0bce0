from django.urls import path

from helpdesk.mail.views import desk

urlpatterns = [
    path("mail/unmatched/", desk.unmatched_list, name="unmatched_list"),
    path("mail/unmatched/<int:mail_id>/attach/", desk.unmatched_attach, name="unmatched_attach"),
    path("mail/unmatched/<int:mail_id>/discard/", desk.unmatched_discard, name="unmatched_discard"),
    path("mail/unmatched/<int:mail_id>/abuse/", desk.unmatched_abuse, name="unmatched_abuse"),
]
