from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from accounts.policies import holds_role
from accounts.roles import Role


def role_required(*roles: Role, landing: bool = False):
    """Gate a view to users holding one of `roles` (root passes every staff gate).

    An area's front page is a `landing`: someone who belongs to another area is sent to
    theirs instead of refused, so bookmarks and the logo link work for everyone."""
    allowed = set(roles)
    if Role.ADMIN in allowed:
        allowed.add(Role.ROOT)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not holds_role(request.user, allowed):
                if landing and holds_role(request.user, set(Role)):
                    return redirect("home")
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = frozenset(allowed)
        return wrapper

    return decorator


any_role = role_required(Role.USER, Role.ADMIN, Role.ROOT)


def _marked(attribute):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        setattr(wrapper, attribute, True)
        return wrapper

    return decorator


# Reachable by a login that still owes its second-factor code: the code step, logout.
before_code = _marked("before_code")
# Reachable by staff who must still enrol an authenticator: the account security page.
before_enrolment = _marked("before_enrolment")
