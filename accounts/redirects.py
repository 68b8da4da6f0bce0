"""Where the browser may be sent back to: one check for every `next`, referer and return
address, so that none leads off the site and none breaks the redirect itself (a bare word
would be taken for a URL name, a newline cannot go in a header)."""

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme


def local_url(request, target) -> str | None:
    """`target` if it is a path on this site or an address on this host, else None."""
    target = str(target or "")
    if not target or not target.isprintable():
        return None
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and (target.startswith("/") or urlsplit(target).netloc) else None


def safe_next(request, default: str) -> str:
    """The form's (or the address's) `next` if it is local, else `default`."""
    return local_url(request, request.POST.get("next") or request.GET.get("next")) or default
