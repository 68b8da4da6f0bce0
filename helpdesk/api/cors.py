"""CORS for /billmgr: a client area served from another host (BILLMGR_CORS_ORIGINS) may
call the API from a browser, with credentials; other origins get no CORS headers, so
their pages cannot read our answers."""

from django.conf import settings
from django.utils.cache import patch_vary_headers


def allowed_origin(request) -> str | None:
    origin = request.headers.get("Origin", "")
    return origin if origin and origin in settings.BILLMGR_CORS_ORIGINS else None


def allow(request, response, *, preflight=False):
    patch_vary_headers(response, ["Origin"])
    origin = allowed_origin(request)
    if origin is None:
        return response
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Allow-Credentials"] = "true"
    if preflight:
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
    return response
