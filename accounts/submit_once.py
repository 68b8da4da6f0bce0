"""Forms that must never run twice. The form carries a one-time token ({% form_token %});
the first POST with it claims it in the database, so a double click or a reload of the
POST finds it taken and is answered without repeating the operation."""

import secrets
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.models import SubmittedForm
from accounts.redirects import local_url

FIELD = "form_token"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def submit_once(view):
    """On POST: refuse a reused token; release it again when the view did not succeed
    (re-displayed a form with errors), so the corrected form can be sent."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        token = request.POST.get(FIELD, "")[:64]
        if not token or not claim(token, request.user):
            messages.info(request, _("That form was already sent; it was not sent again."))
            return redirect(local_url(request, request.headers.get("referer")) or "home")
        response = view(request, *args, **kwargs)
        if response.status_code not in (301, 302, 303):
            SubmittedForm.objects.filter(token=token).delete()
        return response

    return wrapper


def claim(token, user) -> bool:
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(token=token, user=user)
    except IntegrityError:
        return False
    return True
