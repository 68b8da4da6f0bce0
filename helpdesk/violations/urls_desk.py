from django.urls import path

from helpdesk.violations.views import desk

urlpatterns = [
    path("tickets/<int:ticket_id>/violation/", desk.show_abuse, name="show_abuse"),
    path("abuse/", desk.abuse_list, name="abuse_list"),
    path("abuse/new/", desk.abuse_new, name="abuse_new"),
    path("abuse/<int:case_id>/", desk.abuse_case, name="abuse_case"),
    path("abuse/<int:case_id>/finish/", desk.abuse_finish, name="abuse_finish"),
    path("abuse/<int:case_id>/extend/", desk.abuse_extend, name="abuse_extend"),
    path("abuse/<int:case_id>/apply/", desk.abuse_apply, name="abuse_apply"),
    path("abuse/services/<int:service_id>/resume/", desk.service_resume, name="service_resume"),
]
