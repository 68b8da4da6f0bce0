"""A staff member's remembered desk choices, kept on the server (any browser, any app
server): where "Send" and "Send and close" lead."""

from helpdesk.tickets.models import DeskPreference

AfterSend = DeskPreference.AfterSend


def after_send(user) -> str:
    found = DeskPreference.objects.filter(user=user).values_list("after_send", flat=True)
    return found.first() or AfterSend.QUEUE


def remember_after_send(user, choice) -> str:
    """Keep a valid choice (written only when it changed); anything else leaves it as it
    was. Returns the choice in force."""
    current = after_send(user)
    if choice in AfterSend.values and choice != current:
        DeskPreference.objects.update_or_create(user=user, defaults={"after_send": choice})
        return choice
    return current
