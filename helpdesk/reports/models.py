"""Daily aggregates the reports read: derived rows, recomputed a whole day at a time from
tickets, messages, events, incidents and violations (see aggregate.py), never edited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    OPENED = "opened", _("opened")
    CLIENT_OPENED = "client_opened", _("opened, per client")
    CLOSED = "closed", _("closed")
    REOPENED = "reopened", _("reopened")
    ANSWERED = "answered", _("answered")
    REPLIES = "replies", _("replies")
    NOTES = "notes", _("notes")
    FIRST_RESPONSE = "first_response", _("first response")
    FIRST_WITHIN = "first_within", _("first response within the deadline")
    RESPONSE = "response", _("response")
    RESPONSE_WITHIN = "response_within", _("response within the deadline")
    RATED_GOOD = "rated_good", _("rated good")
    RATED_BAD = "rated_bad", _("rated bad")
    INCIDENTS_SOLD = "incidents_sold", _("incidents sold")
    INCIDENTS_USED = "incidents_used", _("incidents used")
    CHARGES = "charges", _("charges")
    VIOLATIONS = "violations", _("violations")
    SUSPENSIONS = "suspensions", _("suspensions")


class DayFigure(models.Model):
    """One counter of one day: `count` events (or incidents) and, for response times, the
    `total` business minutes and the histogram `bucket` (see buckets.py); for charges,
    `total` is the amount in cents. Dimensions a metric has not are null."""

    day = models.DateField(_("day"))
    metric = models.CharField(_("figure"), max_length=24, choices=Metric.choices)
    provider = models.ForeignKey(
        "tickets.Provider", on_delete=models.CASCADE, null=True, related_name="+"
    )
    department = models.ForeignKey(
        "tickets.Department", on_delete=models.CASCADE, null=True, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    client = models.ForeignKey(
        "accounts.Client", on_delete=models.CASCADE, null=True, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(null=True)
    bucket = models.PositiveSmallIntegerField(default=0)
    count = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        indexes = [
            # Index-only sums (PostgreSQL) over the period, or over all days before it.
            models.Index(
                fields=["metric", "day"],
                include=["count", "total", "bucket", "department", "provider", "staff"],
                name="dayfigure_metric_day",
            ),
            models.Index(fields=["department", "day", "metric"], name="dayfigure_department"),
        ]

    def __str__(self):
        return f"{self.day} {self.metric} {self.count}"


class LateResponse(models.Model):
    """A staff reply that came after the regulation's deadline: the breaches list."""

    day = models.DateField(_("day"))
    message = models.OneToOneField(
        "ticket_messages.Message", on_delete=models.CASCADE, related_name="+"
    )
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey("tickets.Provider", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("tickets.Department", on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    first = models.BooleanField(_("first response"))
    minutes = models.PositiveIntegerField(_("business minutes waited"))
    late_minutes = models.PositiveIntegerField(_("business minutes past the deadline"))

    class Meta:
        verbose_name = _("late response")
        verbose_name_plural = _("late responses")
        indexes = [models.Index(fields=["day", "department"], name="lateresponse_day")]

    def __str__(self):
        return f"#{self.ticket_id} {self.day} +{self.late_minutes}"


class CatchUp(models.Model):
    """The one row that says up to when the periodic catch-up has recomputed."""

    ONE = 1  # its primary key

    through = models.DateTimeField(_("recomputed through"))

    class Meta:
        verbose_name = _("report catch-up")
        verbose_name_plural = _("report catch-ups")

    def __str__(self):
        return f"through {self.through:%Y-%m-%d %H:%M}"
