"""The account security page: the authenticator, recovery codes and API tokens. Secrets
(recovery codes, a new token) are shown once, in the answer to the POST that made them."""

import base64
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from accounts import actions, policies
from accounts.decorators import any_role, before_enrolment
from accounts.forms import ApiTokenForm, CodeForm, ConfirmForm

PENDING_KEY = "pending_totp_key"


def account_owner(request):
    """Security is the account owner's own business: not while staff act as a client."""
    if not policies.can_manage_security(request.user):
        raise PermissionDenied
    return request.user


@before_enrolment
@any_role
@never_cache
def account_security(request):
    user = account_owner(request)
    context = {
        "has_second_factor": policies.has_second_factor(user),
        "recovery_left": StaticToken.objects.filter(device__user=user).count(),
        "tokens": policies.api_tokens_of(user),
        "token_form": ApiTokenForm(),
        "confirm_form": ConfirmForm(),
    }
    return render(request, "registration/account_security.html", context)


@before_enrolment
@any_role
@never_cache
def authenticator_enrol(request):
    user = account_owner(request)
    if policies.has_second_factor(user):
        messages.info(request, _("You already have an authenticator app; remove it first."))
        return redirect("account_security")
    # The secret waits in the session until confirmed: opening this page writes no row.
    key = request.session.setdefault(PENDING_KEY, default_key())
    device = TOTPDevice(user=user, key=key)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = matching_step(device, form.cleaned_data["code"])
        if step is not None:
            device, codes = actions.enrol_authenticator(user, key=key, last_t=step)
            del request.session[PENDING_KEY]
            otp_login(request, device)
            return show_recovery_codes(request, codes)
        form.add_error("code", _("That code is not right. Type the code your app shows now."))
    context = {"form": form, "qr": qr_data_uri(device.config_url), "secret": secret_text(device)}
    return render(request, "registration/authenticator_enrol.html", context)


def matching_step(device, code: str):
    """The time step whose code `code` is (within the device's tolerance), or None."""
    if not actions.is_app_code(code):
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return totp.t() if totp.verify(int(code), device.tolerance) else None


@require_POST
@any_role
def authenticator_remove(request):
    user = account_owner(request)
    if confirmed(request, user):
        actions.remove_second_factor(user)
        messages.success(request, _("The authenticator app and the recovery codes are removed."))
    return redirect("account_security")


@require_POST
@any_role
@never_cache
def recovery_codes(request):
    user = account_owner(request)
    if not policies.has_second_factor(user):
        return redirect("account_security")
    if not confirmed(request, user):
        return redirect("account_security")
    return show_recovery_codes(request, actions.replace_recovery_codes(user))


@require_POST
@any_role
@never_cache
def api_token_create(request):
    user = account_owner(request)
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name of at most 100 characters."))
        return redirect("account_security")
    secret = actions.create_api_token(user, name=form.cleaned_data["name"])
    context = {"secret": secret, "name": form.cleaned_data["name"]}
    return render(request, "registration/api_token_created.html", context)


@require_POST
@any_role
def api_token_revoke(request, token_id):
    user = account_owner(request)
    token = get_object_or_404(policies.api_tokens_of(user), pk=token_id)
    actions.revoke_api_token(token, by=user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("account_security")


def confirmed(request, user) -> bool:
    """A current code of the authenticator (never a recovery code: a mistyped password
    must not use one up), or the password, checked like a login through django-axes."""
    form = ConfirmForm(request.POST)
    secret = form.cleaned_data["secret"] if form.is_valid() else ""
    if secret and (code_accepted(user, secret) or password_accepted(request, user, secret)):
        return True
    if getattr(request, "axes_locked_out", False):
        request.axes_locked_out = False  # answered here, not by axes' lockout page
        messages.error(request, _("Too many wrong passwords. Wait a while, then try again."))
    else:
        messages.error(request, _("That is neither your password nor a current code."))
    return False


def code_accepted(user, secret) -> bool:
    return actions.is_app_code(secret) and actions.check_code(user, secret).device is not None


def password_accepted(request, user, secret) -> bool:
    checked = authenticate(request, username=user.get_username(), password=secret)
    return checked is not None and checked.pk == user.pk


def show_recovery_codes(request, codes):
    return render(request, "registration/recovery_codes.html", {"codes": codes})


def qr_data_uri(text: str) -> str:
    """An <img> source: the page's CSP allows data: images and no inline SVG styles."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def secret_text(device) -> str:
    """The secret as authenticator apps take it when typed: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
