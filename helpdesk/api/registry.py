"""`func` name → handler, with who may call it. Handlers register with @function."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.policies import is_client_user, is_desk_user
from helpdesk.errors import ActionError


def anyone(user) -> bool:
    return user.is_authenticated


@dataclass(frozen=True)
class Function:
    name: str
    handler: Callable
    allowed: Callable  # a policy predicate on the calling user
    public: bool = False  # callable without credentials (only `auth`)


FUNCTIONS: dict[str, Function] = {}
STAFF = is_desk_user
CLIENTS = is_client_user


def function(*names: str, who: Callable, public: bool = False):
    def register(handler):
        for name in names:
            FUNCTIONS[name] = Function(name, handler, who, public)
        return handler

    return register


def lookup(name: str) -> Function:
    if not name:
        raise ActionError(_("Name the function to call in func."), code="missed", field="func")
    try:
        return FUNCTIONS[name]
    except KeyError:
        raise ActionError(
            _("There is no function %(name)s.") % {"name": name[:100]},
            code="missed",
            field=name[:100],
        ) from None


def allows(name: str, user) -> bool:
    return FUNCTIONS[name].allowed(user)


def check_allowed(function: Function, user) -> None:
    if not function.allowed(user):
        raise ActionError(
            _("Your access level does not allow %(name)s.") % {"name": function.name},
            code="access",
            field=function.name,
        )
