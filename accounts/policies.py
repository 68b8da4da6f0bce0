"""Who may do what with accounts: the Django admin, money, acting as a client, the
second factor."""

from enum import StrEnum

from django.conf import settings

from accounts.roles import Role


class SecondFactor(StrEnum):
    """What a logged-in user still owes before they get anything but the login step."""

    CODE = "code"  # has an authenticator, has not given a code in this login
    ENROL = "enrol"  # staff or root without an authenticator while it is required


def staff_2fa_required() -> bool:
    return settings.HELPDESK["STAFF_2FA"] == "required"


def has_second_factor(user) -> bool:
    """Asked once per request (the middleware, the admin gate and the API all ask): the
    answer lives on the user object, which lives as long as the request."""
    # Imported here: the admin site imports this module before the models are ready.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not hasattr(user, "_has_second_factor"):
        devices = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True)
        user._has_second_factor = devices.exists()
    return user._has_second_factor


def second_factor_owed(user) -> SecondFactor | None:
    """The one answer to "may this login go on, or must it give a code / enrol first?"."""
    if not user.is_authenticated:
        return None
    # OTPMiddleware adds is_verified; a user that did not come through it gave no code.
    if getattr(user, "is_verified", lambda: False)():
        return None
    if has_second_factor(user):
        return SecondFactor.CODE
    if is_desk_user(user) and staff_2fa_required():
        return SecondFactor.ENROL
    return None


def api_password_refused(user) -> bool:
    """A password alone is one factor: an account that has (or must have) two takes an
    API token instead."""
    return has_second_factor(user) or (is_desk_user(user) and staff_2fa_required())


def holds_role(user, roles) -> bool:
    """The gate of an area. A client login must belong to a client account; one that lost
    it (or never had a group) gets no area at all."""
    role = getattr(user, "role", None)
    if role not in roles:
        return False
    return role != Role.USER or user.client_id is not None


def is_client_user(user) -> bool:
    """A client's login: the `user` role and a client account to act for."""
    return holds_role(user, {Role.USER})


def is_desk_user(user) -> bool:
    """Staff and root work in the desk; everyone else is a client."""
    return user.is_authenticated and user.role >= Role.ADMIN


def acting_staff(user):
    """The staff member behind a user who is being impersonated, or None."""
    return getattr(user, "acting_by", None)


def acts_as_self(user) -> bool:
    """Logged in as themselves, not staff acting as them: what the owner's own things
    (authenticator, tokens, password, money) require."""
    return user.is_authenticated and acting_staff(user) is None


def can_manage_security(user) -> bool:
    """The authenticator and API tokens are the owner's own: not while staff act as them."""
    return acts_as_self(user)


def api_tokens_of(user):
    """The API tokens a user may see and revoke: their own."""
    from accounts.models import ApiToken

    return ApiToken.objects.filter(user_id=user.pk)


def can_enter_admin(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.ROOT
        and second_factor_owed(user) is None
    )


def can_open_page(user, match) -> bool:
    """Whether the page a URL resolves to (a `ResolverMatch`) lets this user in: its area's
    gate, or for the Django admin the admin's own rule."""
    if "admin" in match.namespaces:
        return can_enter_admin(user)
    roles = getattr(match.func, "required_roles", None)
    return roles is None or holds_role(user, roles)


def can_change_password(user) -> bool:
    """A password belongs to its owner: staff acting as a client may not change it."""
    return acts_as_self(user)


def can_spend_money(user) -> bool:
    """Money moves only by the account's own people, never while someone acts as them."""
    return acts_as_self(user)


def can_impersonate(actor, target) -> bool:
    return (
        actor.is_authenticated
        and actor.is_active
        and acting_staff(actor) is None
        and is_desk_user(actor)
        and target.is_active
        and is_client_user(target)
    )


def searchable_clients(user):
    """Client accounts a user may look up by name (the desk's client autocomplete)."""
    # Imported here: the admin site imports this module before the models are ready.
    from accounts.models import Client

    if not (user.is_authenticated and user.role >= Role.ADMIN):
        return Client.objects.none()
    return Client.objects.all()
