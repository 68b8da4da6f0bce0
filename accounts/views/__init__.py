from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render, resolve_url
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import impersonation
from accounts.decorators import any_role
from accounts.forms import LoginForm, ThrottledPasswordChangeForm
from accounts.policies import acting_staff, can_change_password, can_open_page, is_desk_user
from accounts.redirects import local_url


class LoginView(auth_views.LoginView):
    """Django's login, except that a `next` page the user's role may not open (`next=/`
    for staff, `next=/desk/` for a client) gives way to the role's own landing page."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self):
        url = self.get_redirect_url()
        if url and may_open(self.request.user, url):
            return url
        return resolve_url(settings.LOGIN_REDIRECT_URL)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password; refused while acting as a client, like purchases."""

    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("password_change_done")

    def dispatch(self, request, *args, **kwargs):
        if not can_change_password(request.user):
            context = {"refused": _("Passwords cannot be changed while acting as a client.")}
            return render(request, self.template_name, context, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


def may_open(user, url: str) -> bool:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return can_open_page(user, match)


@any_role
def home(request):
    """Land each role on its own area."""
    if is_desk_user(request.user):
        return redirect("desk:queue")
    return redirect("portal:ticket_list")


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's, downloads)."""
    return redirect(static("favicon.svg"), permanent=True)


@require_POST
@any_role
def su_end(request):
    """Stop acting as a client and go back to the desk."""
    actor = acting_staff(request.user)
    if actor is None:
        return redirect("home")
    return_to = impersonation.stop(request.session, actor=actor)
    messages.success(request, _("You are yourself again."))
    return redirect(local_url(request, return_to) or "desk:queue")
