import hashlib
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q, Sum
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from helpdesk import clock


class User(AbstractUser):
    """A login. Staff and root have no client; a client user belongs to one client account."""

    client = models.ForeignKey(
        "accounts.Client",
        verbose_name=_("client account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def role(self) -> Role:
        if self.is_superuser:
            return Role.ROOT
        names = {group.name for group in self.groups.all()}
        return Role.highest_of(names)

    @property
    def short_name(self) -> str:
        """How BILLmanager names a staff member in `blocked_by`: "Eduard G."."""
        if self.first_name and self.last_name:
            return f"{self.first_name} {self.last_name[0]}."
        return self.get_full_name() or self.username


class ClientGroup(models.Model):
    """A client group (`accgroup`); its weight raises its clients' tickets in the queue."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    weight = models.IntegerField(_("queue weight"), default=0)

    class Meta:
        verbose_name = _("client group")
        verbose_name_plural = _("client groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Attitude(models.Model):
    """A staff-set characteristic of a client ("VIP", "difficult") with a queue weight."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    weight = models.IntegerField(_("queue weight"), default=0)

    class Meta:
        verbose_name = _("attitude")
        verbose_name_plural = _("attitudes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Client(models.Model):
    """A customer account: the company or person that owns services and tickets."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    groups = models.ManyToManyField(
        ClientGroup, verbose_name=_("client groups"), blank=True, related_name="clients"
    )
    attitude = models.ForeignKey(
        Attitude, verbose_name=_("attitude"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("internal note"), blank=True)
    premium = models.BooleanField(_("paid support"), default=False)
    # Set when violation points reach a provider's limit; the billing side reads it.
    orders_refused = models.BooleanField(_("new orders refused"), default=False)
    created_at = models.DateTimeField(_("registered"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def balance(self) -> Decimal:
        total = self.ledger.aggregate(total=Sum("amount"))["total"] or 0
        # SQLite sums decimals into Decimal("100"); money always shows two places.
        return Decimal(total).quantize(Decimal("0.01"))

    def queue_weight(self) -> int:
        attitude = self.attitude.weight if self.attitude_id else 0
        groups = sum(group.weight for group in self.groups.all())
        return attitude + groups


class LedgerEntry(models.Model):
    """One change of a client's balance. The balance is the sum of the entries."""

    class Kind(models.TextChoices):
        PAYMENT = "payment", _("payment")
        INCIDENT_PURCHASE = "incident_purchase", _("incident purchase")
        TICKET_EXPENSE = "ticket_expense", _("charge for a ticket")
        ADJUSTMENT = "adjustment", _("adjustment")

    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.PROTECT, related_name="ledger"
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    comment = models.CharField(_("comment"), max_length=255, blank=True)
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
        verbose_name = _("balance entry")
        verbose_name_plural = _("balance entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["client", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=["payment", "incident_purchase", "ticket_expense", "adjustment"]
                ),
                name="ledgerentry_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(amount=0),
                name="ledgerentry_amount_nonzero",
                violation_error_message=_("An entry of zero changes nothing: give an amount."),
            ),
        ]

    def __str__(self):
        return f"{self.client}: {self.amount}"


AUDIT_ACTIONS = [
    "su_start",
    "su_end",
    "su_expired",
    "su_refused",
    "otp_enrolled",
    "otp_removed",
    "recovery_codes",
    "otp_ok",
    "otp_failed",
    "token_created",
    "token_revoked",
]


class AuditEvent(models.Model):
    """Who did what as whom: impersonation starts and ends, refused money actions, the
    second factor and API tokens."""

    class Action(models.TextChoices):
        SU_START = "su_start", _("started acting as a client")
        SU_END = "su_end", _("stopped acting as a client")
        SU_EXPIRED = "su_expired", _("acting as a client expired")
        SU_REFUSED = "su_refused", _("action refused while acting as a client")
        OTP_ENROLLED = "otp_enrolled", _("two-factor device enrolled")
        OTP_REMOVED = "otp_removed", _("two-factor device removed")
        RECOVERY_CODES = "recovery_codes", _("recovery codes generated")
        OTP_OK = "otp_ok", _("second factor accepted")
        OTP_FAILED = "otp_failed", _("second factor refused")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    acting_as = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acting as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    channel = models.CharField(_("channel"), max_length=16, default="web")
    start = models.ForeignKey(
        "self",
        verbose_name=_("start"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ends",
        help_text=_("For the end of acting as a client: the start it ends."),
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AUDIT_ACTIONS),
                name="auditevent_action_valid",
            ),
            models.UniqueConstraint(fields=["start"], name="auditevent_one_end_per_start"),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(action="su_start"),
                name="auditevent_su_start_idx",
            )
        ]

    def __str__(self):
        return f"{self.actor} {self.action} {self.acting_as or ''}".strip()


class SubmittedForm(models.Model):
    """A one-time form token that was used: a second submission of the same form (double
    click, reload) finds it here and is not carried out again."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")

    def __str__(self):
        return self.token


API_TOKEN_PREFIX = "hdt_"


def api_token_digest(secret: str) -> str:
    """A token is 32 random bytes: a plain SHA-256 is as safe as a slow password hash for
    it, and keeps each API call from paying for one."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True)

    def matching(self, secret: str):
        return self.filter(digest=api_token_digest(secret))


class ApiToken(models.Model):
    """A per-user secret for scripts, passed to the API in place of the password."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=16)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user}: {self.name}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
