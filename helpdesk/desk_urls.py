"""The staff desk, /desk/: each app's desk pages under one namespace."""

from helpdesk.favorites import urls_desk as favorites
from helpdesk.incidents import urls_desk as incidents
from helpdesk.mail import urls_desk as mail
from helpdesk.replies import urls_desk as replies
from helpdesk.reports import urls_desk as reports
from helpdesk.tickets import urls_desk as tickets
from helpdesk.violations import urls_desk as violations

app_name = "desk"
urlpatterns = [
    *tickets.urlpatterns,
    *favorites.urlpatterns,
    *violations.urlpatterns,
    *incidents.urlpatterns,
    *reports.urlpatterns,
    *mail.urlpatterns,
    *replies.urlpatterns,
]
