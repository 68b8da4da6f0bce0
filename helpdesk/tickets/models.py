from datetime import time

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helpdesk import clock
from helpdesk.tickets.queries import TicketQuerySet
from helpdesk.tickets.zones import validate_time_zone


class Provider(models.Model):
    """A brand the installation sells under (BILLmanager's `project`)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    incident_price = models.DecimalField(
        _("price of a paid incident"), max_digits=10, decimal_places=2, default=0
    )
    currency = models.CharField(_("currency"), max_length=8, default="USD")

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(incident_price__gte=0),
                name="provider_incident_price_nonnegative",
                violation_error_message=_("The incident price cannot be negative."),
            )
        ]

    def __str__(self):
        return self.name


class Department(models.Model):
    """A support department of a provider; its members are the staff who work its tickets."""

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff members"),
        blank=True,
        related_name="departments",
    )
    shown_to_clients = models.BooleanField(_("clients may open tickets here"), default=True)
    requires_incident = models.BooleanField(_("each ticket needs a paid incident"), default=False)
    response_minutes = models.PositiveIntegerField(
        _("response time (business minutes)"), default=240
    )
    workday_start = models.TimeField(_("business hours start"), default=time(9, 0))
    workday_end = models.TimeField(_("business hours end"), default=time(18, 0))
    workdays = models.CharField(
        _("working weekdays"),
        max_length=7,
        default="12345",
        help_text=_("Digits of the working weekdays, 1 = Monday … 7 = Sunday."),
        validators=[
            RegexValidator(r"^[1-7]{1,7}$", _("Use the digits 1 (Monday) to 7 (Sunday).")),
        ],
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Of its business hours and holidays; empty: the installation's."),
    )
    weight = models.IntegerField(_("queue weight"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["provider__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="department_unique_name"),
            models.CheckConstraint(
                condition=Q(workday_end__gt=models.F("workday_start")),
                name="department_business_hours_ordered",
                violation_error_message=_(
                    "Business hours must end after they start. For a night shift, set the "
                    "hours per weekday below."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.provider})"


class BusinessHours(models.Model):
    """One working span of a department on one weekday. A span that closes at or before
    it opens runs overnight and closes on the next day (a night shift). A weekday without
    spans is a day off. A department without any spans keeps its uniform hours above."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"), help_text=_("At or before the opening time: the next day (overnight).")
    )

    class Meta:
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")
        ordering = ["department", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=1, weekday__lte=7),
                name="businesshours_weekday_valid",
                violation_error_message=_("Choose a weekday."),
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Holiday(models.Model):
    """A day a department does not work: no span starts on it."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="holidays"
    )
    day = models.DateField(_("day"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["department", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "day"],
                name="holiday_unique_day",
                violation_error_message=_("This day is already a holiday of the department."),
            ),
        ]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.name}".strip()


class Service(models.Model):
    """One of a client's services that a ticket can be about (`ticket_item`)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        CLOSED = "closed", _("closed")

    client = models.ForeignKey(
        "accounts.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=64)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        indexes = [models.Index(fields=["client", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["active", "suspended", "closed"]),
                name="service_status_valid",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.kind})"


class ServiceStatusChange(models.Model):
    """A recorded change of a service's status (e.g. suspended for a violation)."""

    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="status_changes"
    )
    old_status = models.CharField(_("old status"), max_length=16)
    new_status = models.CharField(_("new status"), max_length=16)
    reason = models.CharField(_("reason"), max_length=255)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("date"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("service status change")
        verbose_name_plural = _("service status changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.service}: {self.old_status} → {self.new_status}"


class Priority(models.IntegerChoices):
    LOW = 0, _("low")
    MEDIUM = 1, _("medium")
    HIGH = 2, _("high")


class Ticket(models.Model):
    """A support request of a client. Its number is its id."""

    class Status(models.IntegerChoices):
        NEW = 0, _("new")
        UNDER_REVIEW = 1, _("under review")
        AWAITING_RESPONSE = 2, _("awaiting response")
        CLOSED = 3, _("closed")
        ARCHIVED = 10, _("archived")

    # Set on a copy read with its row locked (`policies.access_ticket(lock=True)`,
    # `actions.lock`): the actions use such a copy instead of reading the row again.
    row_locked = False

    subject = models.CharField(_("subject"), max_length=255)
    client = models.ForeignKey(
        "accounts.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="created_tickets",
    )
    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="tickets"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="tickets"
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_tickets",
        help_text=_("Empty: the whole department is responsible."),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    client_priority = models.PositiveSmallIntegerField(
        _("client priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    high_priority = models.BooleanField(_("priority raised manually"), default=False)
    low_priority = models.BooleanField(_("priority lowered manually"), default=False)

    status = models.PositiveSmallIntegerField(
        _("status"), choices=Status.choices, default=Status.NEW
    )
    in_queue = models.BooleanField(_("in the staff queue"), default=True)
    # When the oldest unanswered client message arrived; null once staff answered.
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    # Sort key of the queue: static weight in minutes minus the minute the wait began,
    # so "weight + minutes waited" sorts the same and can be indexed (see DESIGN.md).
    queue_key = models.BigIntegerField(_("queue sort key"), default=0)
    deadline = models.DateTimeField(_("response deadline"), null=True, blank=True)
    deadline_manual = models.BooleanField(_("deadline set by hand"), default=False)

    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    blocked_at = models.DateTimeField(_("blocked at"), null=True, blank=True)

    unread_by_staff = models.BooleanField(_("unread by staff"), default=True)
    unread_by_client = models.BooleanField(_("unread by the client"), default=False)
    from_gate = models.BooleanField(_("received by email"), default=False)
    from_abuse_process = models.BooleanField(_("returned from the abuse process"), default=False)

    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    last_message_excerpt = models.CharField(_("last message excerpt"), max_length=160, blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    # The names the lists sort by, kept by database triggers (see sort_keys.py).
    sort_client = models.CharField(max_length=200, default="", editable=False)
    sort_provider = models.CharField(max_length=100, default="", editable=False)
    sort_responsible = models.CharField(max_length=300, default="", editable=False)
    # Set by every save (see save()): what the live lists ask "changed since T" about.
    changed_at = models.DateTimeField(_("changed"), default=clock.now, editable=False, null=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["department", "-queue_key"],
                condition=Q(in_queue=True),
                name="ticket_queue_by_department",
            ),
            models.Index(fields=["-queue_key"], condition=Q(in_queue=True), name="ticket_queue"),
            models.Index(fields=["department", "-id"], name="ticket_all_by_department"),
            models.Index(fields=["client", "status", "-id"], name="ticket_client_list"),
            # Every ticket by queue weight: /billmgr ticket_all (the queue has its own).
            models.Index(fields=["-queue_key", "id"], name="ticket_all_by_weight"),
            # The client's lists, newest message first (the portal's default sort).
            models.Index(
                fields=["client", "-last_message_at", "-id"], name="ticket_client_by_last"
            ),
            models.Index(
                fields=["status", "closed_at"],
                condition=Q(status=3),
                name="ticket_closed_for_archive",
            ),
            # The reports: tickets opened per day, top clients of a period.
            models.Index(fields=["created_at"], name="ticket_created"),
            models.Index(
                fields=["responsible", "department"],
                condition=Q(status__in=[0, 1, 2]),
                name="ticket_open_by_responsible",
            ),
            # The lists' sorts, each with the id as tie-breaker for keyset paging. A column
            # that may be empty has a second index, newest first with the empty ones last,
            # on PostgreSQL only (SQLite has no NULLS LAST in an index): migration 0012.
            models.Index(fields=["subject", "id"], name="ticket_by_subject"),
            models.Index(fields=["sort_client", "id"], name="ticket_by_client"),
            models.Index(fields=["sort_provider", "id"], name="ticket_by_provider"),
            models.Index(fields=["sort_responsible", "id"], name="ticket_by_responsible"),
            models.Index(fields=["waiting_since", "id"], name="ticket_by_delay"),
            models.Index(fields=["deadline", "id"], name="ticket_by_deadline"),
            models.Index(fields=["created_at", "id"], name="ticket_by_created"),
            # The live lists' poll: what changed in the last seconds.
            models.Index(fields=["changed_at"], name="ticket_changed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[0, 1, 2, 3, 10]), name="ticket_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(priority__lte=2) & Q(client_priority__lte=2),
                name="ticket_priority_valid",
            ),
            models.CheckConstraint(
                condition=~(Q(high_priority=True) & Q(low_priority=True)),
                name="ticket_priority_flags_exclusive",
                violation_error_message=_(
                    "A ticket cannot have its priority raised and lowered at once."
                ),
            ),
            models.CheckConstraint(
                condition=Q(in_queue=False) | Q(status__lt=3),
                name="ticket_closed_not_in_queue",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    def save(self, *args, update_fields=None, **kwargs):
        """Every save marks the row changed, even one naming only some fields."""
        update_fields = clock.stamped(self, "changed_at", update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.ARCHIVED)


class SavedFilter(models.Model):
    """A user's saved list filter; it applies to the list until changed or reset."""

    class Kind(models.TextChoices):
        QUEUE = "queue", _("staff advanced filter")
        CLIENT = "client", _("client filter")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_filters",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict)
    updated_at = models.DateTimeField(_("updated"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="savedfilter_one_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=["queue", "client"]),
                name="savedfilter_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.kind}"

    def save(self, *args, update_fields=None, **kwargs):
        update_fields = clock.stamped(self, "updated_at", update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)


class SavedView(models.Model):
    """A staff member's named filter: choosing it makes it the saved filter of the lists
    (which stays what applies until changed). BILLmanager keeps one filter; this keeps
    as many as a staff member names."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    name = models.CharField(_("name"), max_length=60)
    params = models.JSONField(_("parameters"), default=dict)
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="savedview_unique_name"),
        ]

    def __str__(self):
        return f"{self.user}: {self.name}"


class TicketEvent(models.Model):
    """A change of a ticket that is not a message, with who made it (None: the system).
    `data` keeps what the change was in words of its time (names, not ids), so the
    history reads the same after a department is renamed or a user leaves."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("closed")
        REOPENED = "reopened", _("reopened")
        ARCHIVED = "archived", _("archived")
        BLOCK_TAKEN = "block_taken", _("block taken")
        BLOCK_RELEASED = "block_released", _("block released")
        CHANGED = "changed", _("parameters changed")
        MESSAGE_HIDDEN = "message_hidden", _("message hidden")
        MESSAGE_SHOWN = "message_shown", _("message shown again")
        MESSAGE_EDITED = "message_edited", _("message edited")
        SPLIT = "split", _("split")
        CHARGED = "charged", _("charged")
        INCIDENTS_ADDED = "incidents_added", _("incidents added")
        VIOLATION = "violation", _("violation registered")
        ABUSE_APPLIED = "abuse_applied", _("abuse action applied")
        ABUSE_ANSWERED = "abuse_answered", _("abuse case answered")
        ABUSE_EXTENDED = "abuse_extended", _("abuse deadline extended")
        ABUSE_FINISHED = "abuse_finished", _("abuse case finished")
        SCORE_LIMIT = "score_limit", _("violation score limit reached")

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("date"), default=clock.now)

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at"]),
            models.Index(fields=["created_at"], name="ticketevent_created"),  # the reports
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[
                    "closed", "reopened", "archived", "block_taken", "block_released",
                    "changed", "message_hidden", "message_shown", "message_edited", "split",
                    "charged", "incidents_added", "violation", "abuse_applied",
                    "abuse_answered", "abuse_extended", "abuse_finished", "score_limit",
                ]),
                name="ticketevent_kind_valid",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"#{self.ticket_id} {self.kind}"


class TicketViewer(models.Model):
    """A staff member has the ticket's page open: the page says so every few seconds, and
    colleagues see who else is looking. A row older than `PRESENCE_SECONDS` means gone.
    Kept in the database, not in a process, so every app server sees the same."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    typing = models.BooleanField(_("typing a reply"), default=False)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("ticket viewer")
        verbose_name_plural = _("ticket viewers")
        constraints = [
            models.UniqueConstraint(fields=["ticket", "user"], name="ticketviewer_one_per_user")
        ]
        # No index on seen_at or typing: each beat then updates the row in place (a HOT
        # update in PostgreSQL), and the unique (ticket, user) index finds a ticket's viewers.

    def __str__(self):
        return f"#{self.ticket_id} {self.user}"


class DeskPreference(models.Model):
    """A staff member's remembered choices on the desk."""

    class AfterSend(models.TextChoices):
        QUEUE = "queue", _("back to the queue")
        NEXT = "next", _("the next ticket in the queue")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.CASCADE,
        primary_key=True, related_name="desk_preference",
    )  # fmt: skip
    after_send = models.CharField(
        _("after sending"), max_length=8, choices=AfterSend.choices, default=AfterSend.QUEUE
    )

    class Meta:
        verbose_name = _("desk preference")
        verbose_name_plural = _("desk preferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(after_send__in=["queue", "next"]), name="deskpreference_after_send"
            )
        ]

    def __str__(self):
        return str(self.user)
