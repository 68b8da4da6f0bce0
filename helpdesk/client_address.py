"""The address a request comes from, for login throttling (django-axes) and the logs."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR; behind our TLS proxy (`BEHIND_TLS_PROXY`), the address our outermost
    proxy appended to X-Forwarded-For, since REMOTE_ADDR is then the proxy itself."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_TLS_PROXY:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    count = max(settings.TRUSTED_PROXY_COUNT, 1)
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
