"""The mail channel: mailboxes mail arrives at, senders we drop, mail we could not place."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Mailbox(models.Model):
    """An address clients write to; its mail becomes tickets of `department`."""

    class Method(models.TextChoices):
        PIPE = "pipe", _("delivered by the MTA (receive_mail)")

    address = models.EmailField(_("address"), unique=True)
    department = models.ForeignKey(
        "tickets.Department", verbose_name=_("department"), on_delete=models.PROTECT,
        related_name="mailboxes",
    )  # fmt: skip
    method = models.CharField(_("how mail arrives"), max_length=8, choices=Method.choices,
                              default=Method.PIPE)  # fmt: skip
    is_abuse = models.BooleanField(_("abuse mailbox"), default=False)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        ordering = ["address"]

    def __str__(self):
        return self.address


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
