from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helpdesk import clock


class Violation(models.Model):
    """An abuse case against a client (`show_abuse`, `abuse_task`): points, and an action
    that runs when the deadline passes without an answer from the client."""

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for the client")
        ANSWERED = "answered", _("the client answered")
        APPLIED = "applied", _("action applied")
        FINISHED = "finished", _("finished")

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
    created_at = models.DateTimeField(_("registered"), default=clock.now)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLIED
    )
    deadline = models.DateTimeField(_("deadline for the answer"), null=True, blank=True)
    closed_at = models.DateTimeField(_("case closed"), null=True, blank=True)
    # Set from the provider's rule when registered: points stop counting from then on.
    expires_at = models.DateTimeField(_("points expire"), null=True, blank=True)
    reached_limit = models.BooleanField(_("crossed the score limit"), default=False)

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["client", "-created_at"]),
            models.Index(fields=["ticket", "-id"]),
            models.Index(fields=["status", "-id"], name="violation_by_status"),
            models.Index(
                fields=["deadline"], condition=Q(status="open"), name="violation_open_deadline"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["forward", "suspend_service", "suspend_all"]),
                name="violation_action_valid",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0),
                name="violation_score_nonnegative",
                violation_error_message=_("Points cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "answered", "applied", "finished"]),
                name="violation_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="open") | Q(deadline__isnull=False),
                name="violation_open_has_deadline",
                violation_error_message=_("An open case needs a deadline."),
            ),
        ]

    def __str__(self):
        return f"{self.client}: {self.score} ({self.get_action_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def suspends(self) -> bool:
        return self.action != self.Action.FORWARD


class ScoreRule(models.Model):
    """Root's per-provider rule for violation points (off unless set up: BILLmanager's
    "scores are off by default")."""

    provider = models.OneToOneField(
        "tickets.Provider",
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        related_name="score_rule",
    )
    enabled = models.BooleanField(_("points count"), default=False)
    limit = models.PositiveIntegerField(_("score limit"), default=100)
    suspend_all = models.BooleanField(_("at the limit, suspend all the client's services"),
                                      default=True)  # fmt: skip
    refuse_orders = models.BooleanField(_("at the limit, refuse new orders"), default=True)
    expiry_days = models.PositiveIntegerField(
        _("points expire after (days)"), default=365, help_text=_("0: points never expire.")
    )

    class Meta:
        verbose_name = _("violation score rule")
        verbose_name_plural = _("violation score rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(limit__gte=1),
                name="scorerule_limit_positive",
                violation_error_message=_("The limit must be at least 1."),
            )
        ]

    def __str__(self):
        return str(self.provider)
