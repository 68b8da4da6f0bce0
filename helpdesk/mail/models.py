"""The mail channel: mailboxes mail arrives at, senders we drop, mail we could not place,
the mail we send and who wants which."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpdesk.mail import passwords


class Mailbox(models.Model):
    """An address clients write to; its mail becomes tickets of `department`. Mail either
    arrives through the MTA (`receive_mail`) or is fetched from a server (`fetch_mail`)."""

    class Method(models.TextChoices):
        PIPE = "pipe", _("delivered by the MTA (receive_mail)")
        IMAP = "imap", _("IMAP (polled every minute)")
        POP3 = "pop3", _("POP3 (polled every minute)")

    class Security(models.TextChoices):
        TLS = "tls", _("TLS from the start (IMAPS 993, POP3S 995)")
        STARTTLS = "starttls", _("STARTTLS")
        NONE = "none", _("none (loopback or a trusted network only)")

    class AfterFetch(models.TextChoices):
        MOVE = "move", _("move to a folder (IMAP)")
        DELETE = "delete", _("delete from the server")

    address = models.EmailField(_("address"), unique=True)
    department = models.ForeignKey(
        "tickets.Department", verbose_name=_("department"), on_delete=models.PROTECT,
        related_name="mailboxes",
    )  # fmt: skip
    method = models.CharField(_("how mail arrives"), max_length=8, choices=Method.choices,
                              default=Method.PIPE)  # fmt: skip
    is_abuse = models.BooleanField(_("abuse mailbox"), default=False)
    enabled = models.BooleanField(_("enabled"), default=True)
    host = models.CharField(_("server"), max_length=255, blank=True)
    port = models.PositiveIntegerField(_("port"), null=True, blank=True,
                                       help_text=_("empty: the protocol's usual port"))  # fmt: skip
    security = models.CharField(_("encryption"), max_length=8, choices=Security.choices,
                                default=Security.TLS)  # fmt: skip
    login = models.CharField(_("login"), max_length=255, blank=True)
    password_encrypted = models.BinaryField(_("password (encrypted)"), blank=True, default=b"",
                                            editable=False)  # fmt: skip
    folder = models.CharField(_("folder to fetch"), max_length=255, default="INBOX")
    after_fetch = models.CharField(_("after import"), max_length=8, choices=AfterFetch.choices,
                                   default=AfterFetch.MOVE)  # fmt: skip
    done_folder = models.CharField(_("folder for imported mail"), max_length=255,
                                   default="Imported")  # fmt: skip
    error_folder = models.CharField(_("folder for mail that failed"), max_length=255,
                                    default="Failed")  # fmt: skip
    fetching_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_fetch_at = models.DateTimeField(_("last fetched"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        ordering = ["address"]

    def __str__(self):
        return self.address

    @property
    def is_fetched(self) -> bool:
        return self.method in {self.Method.IMAP, self.Method.POP3}

    def set_password(self, password: str) -> None:
        self.password_encrypted = passwords.encrypt(password) if password else b""

    def password(self) -> str:
        return passwords.decrypt(bytes(self.password_encrypted)) if self.password_encrypted else ""


class BlockedSender(models.Model):
    """Mail from this address is dropped without a trace (root keeps the list)."""

    address = models.EmailField(_("address"), unique=True)

    class Meta:
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")

    def __str__(self):
        return self.address

    def save(self, *args, **kwargs):
        self.address = self.address.strip().lower()
        super().save(*args, **kwargs)


class ReceivedMail(models.Model):
    """Every Message-ID we have taken in, so that the same mail twice is stored once."""

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    mailbox = models.ForeignKey(Mailbox, verbose_name=_("mailbox"), on_delete=models.CASCADE)
    ticket = models.ForeignKey("tickets.Ticket", verbose_name=_("ticket"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    sender = models.CharField(_("sender"), max_length=255, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["sender", "received_at"])]
        verbose_name = _("received mail")
        verbose_name_plural = _("received mail")

    def __str__(self):
        return self.message_id


class UnmatchedMail(models.Model):
    """Mail kept because we could not tell whose it is; staff attach it to a client."""

    mailbox = models.ForeignKey(Mailbox, verbose_name=_("mailbox"), on_delete=models.CASCADE,
                                related_name="unmatched")  # fmt: skip
    sender = models.CharField(_("sender"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"))
    raw = models.BinaryField(_("original message"))
    reason = models.CharField(_("reason"), max_length=64)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("unmatched mail")
        verbose_name_plural = _("unmatched mail")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["mailbox", "-received_at"])]

    def __str__(self):
        return f"{self.sender}: {self.subject}"


class OutgoingMail(models.Model):
    """One notification to one person: built again from the ticket on every attempt (same
    Message-ID), retried with growing pauses, and left here for root to see when it fails."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("your ticket was received")
        OPENED = "opened", _("a new ticket")
        CLIENT_WROTE = "client_wrote", _("the client wrote")
        STAFF_REPLIED = "staff_replied", _("support replied")
        SPLIT = "split", _("a ticket was split")
        CLOSED = "closed", _("a ticket was closed")
        ABUSE_ACTION = "abuse_action", _("an abuse case's action")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed, no more attempts")
        DROPPED = "dropped", _("not sent (hidden meanwhile)")

    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    kind = models.CharField(_("notification"), max_length=16, choices=Kind.choices)
    ticket = models.ForeignKey("tickets.Ticket", verbose_name=_("ticket"),
                               on_delete=models.CASCADE, related_name="+")  # fmt: skip
    ticket_message = models.ForeignKey(
        "ticket_messages.Message", verbose_name=_("message"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )  # fmt: skip
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # fmt: skip
    address = models.EmailField(_("address"))
    for_staff = models.BooleanField(_("to staff"), default=False)
    context = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.PENDING)  # fmt: skip
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["ticket", "address"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.ticket_id} → {self.address}"


class NotificationPreferences(models.Model):
    """Which notifications a person gets by mail; without a row, all of them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="mail_preferences")  # fmt: skip
    received = models.BooleanField(_("a confirmation of each ticket I open"), default=True)
    opened = models.BooleanField(_("a new ticket in my departments"), default=True)
    client_wrote = models.BooleanField(_("the client wrote in a ticket"), default=True)
    staff_replied = models.BooleanField(_("support replied"), default=True)
    split = models.BooleanField(_("a ticket was split"), default=True)
    closed = models.BooleanField(_("a ticket was closed"), default=True)

    CLIENT_CHOICES = ["received", "staff_replied", "split", "closed"]
    STAFF_CHOICES = ["opened", "client_wrote", "split", "closed"]

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return getattr(self, kind, True)
