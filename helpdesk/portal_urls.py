"""The client portal, /: each app's portal pages under one namespace."""

from helpdesk.incidents import urls_portal as incidents
from helpdesk.messages import urls_portal as messages
from helpdesk.tickets import urls_portal as tickets
from helpdesk.violations import urls_portal as violations

app_name = "portal"
urlpatterns = [*tickets.urlpatterns, *messages.urlpatterns, *incidents.urlpatterns,
               *violations.urlpatterns]  # fmt: skip
