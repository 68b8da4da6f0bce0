"""The one endpoint, /billmgr: read the call, find who makes it, dispatch `func`, answer in
the wire format asked for. Errors are answers (doc.error in an HTTP 200), never a 500."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseBase
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from helpdesk.api import authentication, handlers, registry, wire  # noqa: F401
from helpdesk.api.calls import Call
from helpdesk.errors import ActionError

logger = logging.getLogger(__name__)
# Importing `handlers` above registers every function with the registry.
UNREADABLE = (MultiPartParserError, SuspiciousOperation, BadRequest, UnicodeDecodeError)


@csrf_exempt
@login_not_required
def endpoint(request):
    try:
        params = read_params(request)
    except UNREADABLE:
        doc = wire.error("value", "request", _("The request could not be read."))
        return wire.render(doc, "xml")
    with translation.override(language(params)):
        answer = answer_call(request, params)
        if not isinstance(answer, HttpResponseBase):
            answer = wire.render(answer, wire.output_format(params.get("out")))
        answer.headers["Content-Language"] = translation.get_language()
    return answer


def read_params(request) -> QueryDict:
    """GET and POST together (POST wins). NUL characters never get this far: see
    helpdesk.middleware."""
    params = QueryDict(mutable=True)
    for source in (request.GET, request.POST):
        for key, values in source.lists():
            params.setlist(key, values)
    request.FILES  # noqa: B018 - parse the upload now, inside the caller's try
    return params


def language(params) -> str:
    wanted = params.get("lang", "")
    codes = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in codes else translation.get_language()


def answer_call(request, params):
    name = params.get("func", "")
    try:
        return run(request, params, registry.lookup(name))
    except ActionError as refused:
        return wire.error(refused.code, refused.field, refused.message)
    except Exception:  # the very last resort: log the bug, answer in the wire format
        logger.exception("API function %r failed", name[:100])
        return wire.error("internal", name[:100], _("The call failed on our side; it was logged."))


def run(request, params, function):
    if function.public:
        return function.handler(Call(request, None, params, files=request.FILES))
    caller = authentication.identify(request, params)
    with authentication.acting_for_call(caller.user, params.get("su", "")) as user:
        registry.check_allowed(function, user)
        call = Call(request, user, params, caller.session, request.FILES, caller.token_id)
        return function.handler(call)
