"""Incidents belong to one provider. Purchases always named it; grants and uses take the
provider of their ticket. A grant without a ticket cannot be made through the product;
should one exist, it goes to the oldest provider, so no incident a client has is lost."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_providers(apps, schema_editor):
    IncidentEntry = apps.get_model("incidents", "IncidentEntry")
    Ticket = apps.get_model("tickets", "Ticket")
    Provider = apps.get_model("tickets", "Provider")
    ticket_provider = Ticket.objects.filter(pk=OuterRef("ticket_id")).values("provider_id")
    IncidentEntry.objects.filter(provider__isnull=True, ticket__isnull=False).update(
        provider_id=Subquery(ticket_provider[:1])
    )
    oldest = Provider.objects.order_by("id").first()
    if oldest is not None:
        IncidentEntry.objects.filter(provider__isnull=True).update(provider=oldest)


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0001_initial"),
        ("tickets", "0005_workdays_validator"),
    ]

    operations = [migrations.RunPython(fill_providers, migrations.RunPython.noop)]
