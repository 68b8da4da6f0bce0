"""What every page's navigation may show, answered by the policies (templates compare no
roles themselves)."""

from accounts.policies import SecondFactor, can_enter_admin, is_desk_user


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {"is_desk_user": False, "can_enter_admin": False, "owes_code": False}
    return {
        "is_desk_user": is_desk_user(user),
        "can_enter_admin": can_enter_admin(user),
        # Set by SecondFactorMiddleware: a login still owing its code sees no menu.
        "owes_code": getattr(request, "second_factor_owed", None) == SecondFactor.CODE,
    }
