from django.db import models
from django.db.models import Exists, OuterRef, Subquery


class TicketQuerySet(models.QuerySet):
    def in_queue(self):
        return self.filter(in_queue=True)

    def by_queue_weight(self):
        return self.order_by("-queue_key", "id")

    def of_client(self, client):
        return self.filter(client=client)

    def active_for_client(self):
        return self.exclude(status=self.model.Status.ARCHIVED)

    def archived(self):
        return self.filter(status=self.model.Status.ARCHIVED)

    def with_list_columns(self, user):
        """Everything a staff list row shows, in one query whatever the page size."""
        # Satellite apps point at Ticket, not the other way round: reach their
        # models through the reverse relations instead of importing them.
        favorite_model = self.model.favorites.rel.related_model
        violation_model = self.model.violations.rel.related_model
        violations = violation_model.objects.filter(ticket=OuterRef("pk")).order_by("-id")
        return (
            self.select_related(
                "client__attitude", "provider", "department", "responsible", "blocked_by", "service"
            )
            .annotate(
                is_favorite=Exists(favorite_model.objects.filter(user=user, ticket=OuterRef("pk"))),
                abuse_id=Subquery(violations.values("id")[:1]),
            )
            .prefetch_related("client__groups")
        )
