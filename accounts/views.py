from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import impersonation
from accounts.decorators import any_role
from accounts.policies import is_desk_user
from accounts.redirects import local_url


@any_role
def home(request):
    """Land each role on its own area."""
    if is_desk_user(request.user):
        return redirect("desk:queue")
    return redirect("portal:ticket_list")


@require_POST
@any_role
def su_end(request):
    """Stop acting as a client and go back to the desk."""
    actor = getattr(request.user, "acting_by", None)
    if actor is None:
        return redirect("home")
    return_to = impersonation.stop(request.session, actor=actor)
    messages.success(request, _("You are yourself again."))
    return redirect(local_url(request, return_to) or "desk:queue")
