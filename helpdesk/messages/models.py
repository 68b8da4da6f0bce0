import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helpdesk import clock


class MessageQuerySet(models.QuerySet):
    def thread(self):
        return self.order_by("created_at", "id")

    def visible_to_client(self):
        return self.filter(hidden=False).exclude(kind=Message.Kind.NOTE)

    def from_message(self, message):
        """`message` and every later one, in thread order (equal times: by id)."""
        return self.filter(
            Q(created_at__gt=message.created_at)
            | Q(created_at=message.created_at, id__gte=message.pk)
        )


class Message(models.Model):
    class Kind(models.TextChoices):
        INCOMING = "incoming", _("client message")
        OUTCOMING = "outcoming", _("staff reply")
        NOTE = "note", _("internal note")
        SYSTEM = "system", _("system message")

    class Rating(models.TextChoices):
        GOOD = "good", _("good")
        BAD = "bad", _("bad")

    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("ticket"),
        on_delete=models.PROTECT,
        related_name="messages",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ticket_messages",
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    body = models.TextField(_("message"))
    # Sanitised HTML, rendered once when the body is written (see markdown.py).
    html = models.TextField(_("rendered message"), editable=False)
    from_gate = models.BooleanField(_("received by email"), default=False)
    created_at = models.DateTimeField(_("posted"), default=clock.now)
    hidden = models.BooleanField(_("hidden from the client"), default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    rating = models.CharField(_("client rating"), max_length=4, choices=Rating.choices, blank=True)
    # The ticket's department, kept here by database triggers (migration 0007) for the
    # search: a staff member's scope is read from the same index as the words.
    department = models.ForeignKey(
        "tickets.Department",
        null=True,
        editable=False,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at", "id"], name="message_thread"),
            # The reports: a day's messages, and the rated replies of a period.
            models.Index(fields=["created_at"], name="message_created"),
            models.Index(fields=["created_at"], condition=~Q(rating=""), name="message_rated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["incoming", "outcoming", "note", "system"]),
                name="message_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(rating__in=["", "good", "bad"]), name="message_rating_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk} on ticket {self.ticket_id}"


class MessageRevision(models.Model):
    """The text a message had before an edit."""

    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("previous text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("edited"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("message revision")
        verbose_name_plural = _("message revisions")
        ordering = ["edited_at", "id"]

    def __str__(self):
        return f"revision of message {self.message_id} at {self.edited_at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename):
    """A random name without extension: the uploaded name is only shown and sent back on
    download (`Attachment.name`), so no web server or tool on the way ever runs or
    renders a stored file by its extension (".php", ".html", ".exe")."""
    return f"attachments/{instance.message.ticket_id}/{instance.message_id}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    content_type = models.CharField(_("content type"), max_length=100)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self):
        return self.name


class PreviewWindow(models.Model):
    """How many Markdown previews a user asked for in the current rate-limit window. A row,
    not process memory: several worker processes serve the same user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    window = models.BigIntegerField(_("window"))
    count = models.PositiveIntegerField(_("previews"), default=0)

    class Meta:
        verbose_name = _("preview window")
        verbose_name_plural = _("preview windows")

    def __str__(self):
        return f"{self.count} previews by user {self.user_id} in window {self.window}"
