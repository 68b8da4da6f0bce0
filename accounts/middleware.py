from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from accounts.impersonation import effective_user
from accounts.policies import SecondFactor, second_factor_owed


class ImpersonationMiddleware:
    """Runs the request as the impersonated client when staff act as one (`ticket.su`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.real_user = request.user
        request.user = effective_user(request.session, request.user)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Until a login has given its second factor it reaches only the code step and logout;
    staff who must enrol one (HELPDESK_STAFF_2FA=required) only their security page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None  # the login page and the API, which checks tokens itself
        user = getattr(request, "real_user", request.user)
        owed = request.second_factor_owed = second_factor_owed(user)
        if owed is None or getattr(view_func, "before_code", False):
            return None
        if owed == SecondFactor.CODE:
            query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
            return redirect(f"{reverse('login_code')}?{query}")
        if getattr(view_func, "before_enrolment", False):
            return None
        return render(request, "registration/second_factor_required.html", status=403)
