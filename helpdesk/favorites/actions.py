from django.db import IntegrityError, transaction

from helpdesk.favorites.models import Favorite


def add_favorites(tickets, *, user) -> None:
    for ticket in tickets:
        try:
            with transaction.atomic():
                Favorite.objects.get_or_create(user=user, ticket=ticket)
        except IntegrityError:
            pass  # a concurrent request added it first: the end state is the same


def remove_favorites(tickets, *, user) -> None:
    Favorite.objects.filter(user=user, ticket__in=[ticket.pk for ticket in tickets]).delete()


def toggle_favorites(tickets, *, user) -> None:
    """`ticket.favorite`: each ticket flips between favorite and not."""
    tickets = list(tickets)
    marked = set(
        Favorite.objects.filter(user=user, ticket__in=[t.pk for t in tickets]).values_list(
            "ticket_id", flat=True
        )
    )
    remove_favorites([t for t in tickets if t.pk in marked], user=user)
    add_favorites([t for t in tickets if t.pk not in marked], user=user)
