from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from accounts import impersonation


@receiver(user_logged_out)
def end_acting_on_logout(sender, request, user, **kwargs):
    """Logging out while acting as a client also ends that, on the record."""
    actor = getattr(request, "real_user", None)
    if request is not None and actor is not None and actor.is_authenticated:
        impersonation.stop(request.session, actor=actor)
