"""What every request must pass before any view reads it, for the desk, the portal and the
API alike: a cap on its size, read from Content-Length before the body is, and no NUL
characters anywhere in its parameters (PostgreSQL refuses to store or even compare them,
so one raw read that forgets them would be a 500)."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from helpdesk.api import wire
from helpdesk.errors import UNREADABLE_REQUEST


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return refusal(request) or self.get_response(request)


def refusal(request):
    out = request.GET.get("out", "")  # the API's answer format; the body may be unread
    if declared_length(request) > settings.REQUEST_MAX_BYTES:
        return refuse(request, 413, "request", too_big(), out)
    try:
        name = field_with_nul(request)
    except RequestDataTooBig:
        return refuse(request, 413, "request", too_big(), out)
    except UNREADABLE_REQUEST:
        return refuse(request, 400, "request", _("The request could not be read."), out)
    if name is not None:
        message = _("%(name)s contains a NUL character (\\0); remove it and send again.")
        out = request.POST.get("out", out)
        return refuse(request, 400, name[:100], message % {"name": name[:100]}, out)
    return None


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body at all then


def field_with_nul(request):
    """The name of the first parameter whose name or value holds a NUL, else None."""
    sources = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    for source in sources:
        for key, values in source.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key.replace("\x00", "\\0")
    return None


def too_big() -> str:
    return _("The request is larger than %(mb)s MB; send fewer or smaller files.") % {
        "mb": settings.REQUEST_MAX_BYTES // (1024 * 1024)
    }


def refuse(request, status, field, message, out):
    """The API answers its errors as doc.error in an HTTP 200, like all its others."""
    if request.path_info.rstrip("/") == reverse("billmgr"):
        return wire.render(wire.error("value", field, message), wire.output_format(out))
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
