from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Violation(models.Model):
    """An abuse registered from a ticket against its client (`show_abuse`)."""

    class Action(models.TextChoices):
        FORWARD = "forward", _("forward the ticket to support")
        SUSPEND_SERVICE = "suspend_service", _("suspend the selected service")
        SUSPEND_ALL = "suspend_all", _("suspend all of the client's services")

    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("ticket"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    client = models.ForeignKey(
        "accounts.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    service = models.ForeignKey(
        "tickets.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
    )
    score = models.PositiveIntegerField(_("points"))
    note = models.TextField(_("comment"), blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["client", "-created_at"]),
            models.Index(fields=["ticket", "-id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["forward", "suspend_service", "suspend_all"]),
                name="violation_action_valid",
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="violation_score_nonnegative"),
        ]

    def __str__(self):
        return f"{self.client}: {self.score} ({self.get_action_display()})"
