from accounts.policies import acting_staff
from accounts.roles import Role


def roles(request):
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    return {
        "Role": Role,
        "user_role": role,
        "acting_by": acting_staff(user),
        "acting_until": getattr(user, "acting_until", None),
    }
