"""Saved views: a staff member names the current filter to come back to it, and chooses
a view to make it the filter of the lists again (the saved filter stays what applies)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.ids import is_possible_id
from helpdesk.tickets.filters import save_params, saved_params
from helpdesk.tickets.models import SavedFilter, SavedView
from helpdesk.tickets.views.desk.common import redirect_back

MAX_VIEWS = 50
Kind = SavedFilter.Kind


def user_views(user) -> list:
    return list(SavedView.objects.filter(user=user).only("id", "name", "params")[:MAX_VIEWS])


@require_POST
@role_required(Role.ADMIN)
@submit_once
def view_save(request):
    user = request.user
    name = " ".join(str(request.POST.get("name", "")).split())[:60]
    params = saved_params(user, Kind.QUEUE)
    views = SavedView.objects.filter(user=user)
    if not name:
        messages.error(request, _("Give the view a name."))
    elif not params:
        messages.error(request, _("Set a filter first: a view without one shows everything."))
    elif views.count() >= MAX_VIEWS and not views.filter(name=name).exists():
        messages.error(
            request, _("You have %(count)s views; delete one first.") % {"count": MAX_VIEWS}
        )
    else:
        SavedView.objects.update_or_create(user=user, name=name, defaults={"params": params})
        messages.success(request, _("Saved the view “%(name)s”.") % {"name": name})
    return redirect_back(request, "desk:queue")


def own_view(request):
    view_id = str(request.POST.get("view", ""))
    if not is_possible_id(view_id):
        return None
    return get_object_or_404(SavedView, pk=int(view_id), user=request.user)


@require_POST
@role_required(Role.ADMIN)
@submit_once
def view_apply(request):
    view = own_view(request)
    if view is not None:
        save_params(request.user, Kind.QUEUE, dict(view.params))
        messages.success(request, _("Showing the view “%(name)s”.") % {"name": view.name})
    return redirect_back(request, "desk:queue")


@require_POST
@role_required(Role.ADMIN)
@submit_once
def view_delete(request):
    view = own_view(request)
    if view is not None:
        view.delete()
        messages.success(request, _("Deleted the view “%(name)s”.") % {"name": view.name})
    return redirect_back(request, "desk:queue")
