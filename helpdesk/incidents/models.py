from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helpdesk import clock


class IncidentEntry(models.Model):
    """One change of a client's paid-incident count; the count is the sum of the entries."""

    class Kind(models.TextChoices):
        PURCHASE = "purchase", _("purchase")
        GRANT = "grant", _("added by staff")
        CONSUMED = "consumed", _("used for a ticket")

    client = models.ForeignKey(
        "accounts.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="incident_entries",
    )
    provider = models.ForeignKey(
        "tickets.Provider",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Incidents open tickets only at the provider they were bought or added at."),
    )
    delta = models.IntegerField(_("change"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("ticket"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ledger_entry = models.OneToOneField(
        "accounts.LedgerEntry",
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incident_entry",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("incident entry")
        verbose_name_plural = _("incident entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["purchase", "grant", "consumed"]),
                name="incidententry_kind_valid",
            ),
            models.CheckConstraint(
                condition=(Q(kind="consumed") & Q(delta=-1))
                | (~Q(kind="consumed") & Q(delta__gt=0)),
                name="incidententry_delta_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.client}: {self.delta:+d}"


class TicketExpense(models.Model):
    """A charge for work on a ticket (`ticket_expense`), shown to the client in the ticket."""

    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("ticket"),
        on_delete=models.PROTECT,
        related_name="expenses",
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=255, blank=True)
    ledger_entry = models.OneToOneField(
        "accounts.LedgerEntry",
        verbose_name=_("balance entry"),
        on_delete=models.PROTECT,
        related_name="ticket_expense",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("charged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("ticket charge")
        verbose_name_plural = _("ticket charges")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="ticketexpense_amount_positive",
                violation_error_message=_("A charge must be more than zero."),
            )
        ]

    def __str__(self):
        return f"{self.amount} for ticket {self.ticket_id}"
