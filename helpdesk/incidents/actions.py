"""Paid support: the client's incident ledger and charges against the balance. Every change
is a row; the client row is locked first so two requests never spend the same money."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import Client, LedgerEntry
from accounts.policies import can_spend_money
from helpdesk.errors import ActionError
from helpdesk.incidents.models import IncidentEntry, TicketExpense
from helpdesk.numbers import money, parse_decimal, parse_whole
from helpdesk.tickets import events

MAX_PURCHASE = 1000


def incidents_left(client, provider) -> int:
    """Incidents are bought at one provider's price and only open tickets there."""
    entries = client.incident_entries.filter(provider=provider)
    return entries.aggregate(total=Sum("delta"))["total"] or 0


def incidents_by_provider(client) -> dict[int, int]:
    """Incidents left per provider id, for the providers where the client has any entry."""
    rows = client.incident_entries.values("provider_id").annotate(left=Sum("delta"))
    return {row["provider_id"]: row["left"] for row in rows.order_by()}


def incidents_at(client, providers) -> list[tuple]:
    """(provider, incidents left) for each of `providers`, by name, in two queries."""
    left = incidents_by_provider(client)
    return [(provider, left.get(provider.pk, 0)) for provider in providers.order_by("name")]


def refuse_while_acting(by, message, *, field="") -> None:
    """Every money action asks this first: money moves only by the account's own people,
    never by staff acting as a client (`accounts.policies.can_spend_money`)."""
    if not can_spend_money(by):
        raise ActionError(message, code="access", field=field)


def lock_client(client) -> Client:
    return Client.objects.select_for_update().get(pk=client.pk)


def parse_count(value, *, field="count", maximum=MAX_PURCHASE) -> int:
    count = parse_whole(value)
    if count is None or not 1 <= count <= maximum:
        raise ActionError(
            _("Enter a whole number from 1 to %(max)s.") % {"max": maximum}, field=field
        )
    return count


def parse_amount(value, *, field) -> Decimal:
    amount = parse_decimal(value)
    if amount is None or amount <= 0 or amount >= Decimal("1000000000"):
        raise ActionError(_("Enter an amount greater than zero."), field=field)
    if amount != amount.quantize(Decimal("0.01")):
        raise ActionError(_("Use at most two decimal places."), field=field)
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def purchase_incidents(client, *, provider, count, by) -> IncidentEntry:
    """Buy `count` incidents from the balance at the provider's price, or change nothing."""
    refuse_while_acting(by, _("Purchases are not allowed while acting as a client."), field="count")
    count = parse_count(count)
    client = lock_client(client)
    price = provider.incident_price * count
    if client.balance() < price:
        raise ActionError(
            _("Your balance (%(balance)s) is less than the price of %(count)s incidents "
              "(%(price)s). Top up your balance first.")
            % {"balance": money(client.balance()), "count": count, "price": money(price)},
            field="count",
        )  # fmt: skip
    payment = None
    if price > 0:
        payment = LedgerEntry.objects.create(
            client=client,
            amount=-price,
            kind=LedgerEntry.Kind.INCIDENT_PURCHASE,
            comment=_("%(count)s paid incidents") % {"count": count},
            created_by=by,
        )
    return IncidentEntry.objects.create(
        client=client,
        provider=provider,
        delta=count,
        kind=IncidentEntry.Kind.PURCHASE,
        ledger_entry=payment,
        created_by=by,
    )


@transaction.atomic
def grant_incidents(client, *, count, by, ticket=None, provider=None) -> IncidentEntry:
    """Staff add incidents to a client's paid support (`incident_count`): at the provider of
    the ticket they work on, or at `provider`. Not while acting as a client."""
    provider = ticket.provider if ticket is not None else provider
    if provider is None:
        raise ValueError("grant_incidents needs the ticket or the provider")
    refuse_while_acting(
        by, _("Incidents cannot be added while acting as a client."), field="incident_count"
    )
    count = parse_count(count, field="incident_count")
    client = lock_client(client)
    if ticket is not None:
        events.record(ticket, events.Kind.INCIDENTS_ADDED, actor=by, count=count,
                      provider=provider.name)  # fmt: skip
    return IncidentEntry.objects.create(
        client=client, provider=provider, delta=count, kind=IncidentEntry.Kind.GRANT,
        ticket=ticket, created_by=by,
    )  # fmt: skip


def consume_incident(client, *, ticket, by) -> IncidentEntry:
    """Use one incident for a new ticket in a paid department; runs inside open_ticket."""
    refuse_while_acting(
        by, _("Paid incidents cannot be used while acting as a client."), field="client_department"
    )
    client = lock_client(client)
    if incidents_left(client, ticket.provider) < 1:
        raise ActionError(
            _("%(department)s answers paid tickets only and you have no incidents left at "
              "%(provider)s. Buy incidents of %(provider)s under Paid support, then open the "
              "ticket.")
            % {"department": ticket.department.name, "provider": ticket.provider.name},
            code="value",
            field="client_department",
        )  # fmt: skip
    return IncidentEntry.objects.create(
        client=client, provider=ticket.provider, delta=-1, kind=IncidentEntry.Kind.CONSUMED,
        ticket=ticket, created_by=by,
    )  # fmt: skip


@transaction.atomic
def charge_ticket(ticket, *, amount, by, comment="") -> TicketExpense:
    """Charge the client for work on a ticket (`ticket_expense`); the balance may go negative."""
    refuse_while_acting(by, _("Charges are not allowed while acting as a client."))
    amount = parse_amount(amount, field="ticket_expense")
    client = lock_client(ticket.client)
    comment = (comment or "").strip()[:255] or _("Work on ticket #%(id)s") % {"id": ticket.pk}
    entry = LedgerEntry.objects.create(
        client=client,
        amount=-amount,
        kind=LedgerEntry.Kind.TICKET_EXPENSE,
        comment=comment,
        created_by=by,
    )
    events.record(ticket, events.Kind.CHARGED, actor=by, amount=f"{amount:.2f}",
                  currency=ticket.provider.currency, comment=comment)  # fmt: skip
    return TicketExpense.objects.create(
        ticket=ticket, amount=amount, comment=comment, ledger_entry=entry, created_by=by
    )
