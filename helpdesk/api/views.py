"""The one endpoint, /billmgr: read the call, find who makes it, dispatch `func`, answer in
the wire format asked for. Errors are answers (doc.error in an HTTP 200), never a 500."""

import json
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest
from django.http import HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from helpdesk.api import authentication, cors, handlers, registry, sessions, wire  # noqa: F401
from helpdesk.api.calls import Call
from helpdesk.errors import UNREADABLE_REQUEST, ActionError
from helpdesk.ids import is_possible_id

logger = logging.getLogger(__name__)
# Importing `handlers` above registers every function with the registry.


@csrf_exempt
@login_not_required
def endpoint(request):
    if request.method == "OPTIONS":
        return cors.allow(request, HttpResponse(status=204), preflight=True)
    try:
        params = read_params(request)
    except UNREADABLE_REQUEST:
        doc = wire.error("value", "request", _("The request could not be read."))
        return cors.allow(request, wire.render(doc, "xml"))
    if not params.get("func") and params.get("startform"):
        return browser_page(params)
    with translation.override(language(params)):
        cookies = {}
        answer = answer_call(request, params, cookies)
        if isinstance(answer, wire.Rows):
            answer = wire.stream(answer, wire.output_format(params.get("out")))
        elif not isinstance(answer, HttpResponseBase):
            answer = wire.render(answer, wire.output_format(params.get("out")))
        answer.headers["Content-Language"] = translation.get_language()
    for name, value in cookies.items():
        answer.set_cookie(
            name, value, max_age=sessions.lifetime(), httponly=True, samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )  # fmt: skip
    return cors.allow(request, answer)


# `startform` links (a staff bot's "/billmgr?elid=202&startform=ticket.edit") opened in a
# browser: the page that shows that form, after login if need be.
BROWSER_PAGES = {
    "ticket.edit": "desk:ticket_edit",
    "ticket_all.edit": "desk:ticket_edit",
    "clientticket.edit": "portal:ticket_detail",
}


def browser_page(params):
    page, elid = BROWSER_PAGES.get(params.get("startform")), params.get("elid", "").strip()
    if page and is_possible_id(elid):
        return redirect(page, int(elid))
    return redirect("home")


def read_params(request) -> QueryDict:
    """GET and POST together (POST wins), or a JSON object posted as the body. NUL
    characters never get this far: see helpdesk.middleware."""
    params = QueryDict(mutable=True)
    for source in (request.GET, json_body(request) or request.POST):
        for key, values in source.lists():
            params.setlist(key, values)
    request.FILES  # noqa: B018 - parse the upload now, inside the caller's try
    return params


def json_body(request) -> QueryDict | None:
    """A body of `Content-Type: application/json` holding an object of parameters."""
    if request.content_type != "application/json":
        return None
    try:
        data = json.loads(request.body or b"{}")
    except ValueError as bad:
        raise BadRequest("not JSON") from bad
    if not isinstance(data, dict):
        raise BadRequest("not a JSON object")
    params = QueryDict(mutable=True)
    for key, value in data.items():
        values = value if isinstance(value, list) else [value]
        params.setlist(str(key), ["" if each is None else str(each) for each in values])
    return params


def language(params) -> str:
    wanted = params.get("lang", "")
    codes = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in codes else translation.get_language()


def answer_call(request, params, cookies):
    name = params.get("func", "")
    try:
        return run(request, params, registry.lookup(name), cookies)
    except ActionError as refused:
        return wire.error(refused.code, refused.field, refused.message)
    except Exception:  # the very last resort: log the bug, answer in the wire format
        logger.exception("API function %r failed", name[:100])
        return wire.error("internal", name[:100], _("The call failed on our side; it was logged."))


def run(request, params, function, cookies):
    if function.public:
        call = Call(request, None, params, files=request.FILES, cookies=cookies)
        return function.handler(call)
    caller = authentication.identify(request, params)
    with authentication.acting_for_call(caller.user, params.get("su", "")) as user:
        registry.check_allowed(function, user)
        call = Call(request, user, params, caller.session, request.FILES, caller.token_id,
                    cookies=cookies)  # fmt: skip
        return function.handler(call)
