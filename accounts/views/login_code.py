"""The second step of logging in: a code from the authenticator app or a recovery code."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from accounts import actions
from accounts.decorators import any_role, before_code
from accounts.forms import CodeForm
from accounts.policies import SecondFactor, second_factor_owed
from accounts.redirects import safe_next


@before_code
@any_role
@never_cache
def login_code(request):
    next_url = safe_next(request, reverse("home"))
    if second_factor_owed(request.user) != SecondFactor.CODE:
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = actions.check_code(request.user, form.cleaned_data["code"])
        if check.device is not None:
            otp_login(request, check.device)
            return redirect(next_url)
        form.add_error("code", refusal(check))
    return render(request, "registration/login_code.html", {"form": form, "next": next_url})


def refusal(check) -> str:
    if check.wait_seconds:
        return _("Too many wrong codes. Wait %(seconds)d seconds, then try again.") % {
            "seconds": check.wait_seconds
        }
    return _(
        "That code is not right. Type the code your app shows now, or one of your recovery codes."
    )
