from helpdesk.favorites.models import Favorite
from helpdesk.tickets.policies import is_desk_user, visible_tickets


def favorite_tickets(user):
    """The staff member's favorites among the tickets they may still see."""
    if not is_desk_user(user):
        return visible_tickets(user).none()
    return visible_tickets(user).filter(
        pk__in=Favorite.objects.filter(user=user).values("ticket_id")
    )
