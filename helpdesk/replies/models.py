from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helpdesk import clock


class ReplyTemplate(models.Model):
    """A pre-defined reply (BILLmanager's `anstempl`): Markdown with variables, for everyone,
    one department, or only its owner."""

    class Scope(models.TextChoices):
        COMMON = "common", _("everyone")
        DEPARTMENT = "department", _("a department")
        PERSONAL = "personal", _("only me")

    name = models.CharField(_("name"), max_length=100)
    body = models.TextField(_("text"))
    scope = models.CharField(_("for"), max_length=10, choices=Scope.choices)
    department = models.ForeignKey(
        "tickets.Department", verbose_name=_("department"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="reply_templates",
    )  # fmt: skip
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE,
        related_name="reply_templates",
    )  # fmt: skip
    provider = models.ForeignKey(
        "tickets.Provider", verbose_name=_("provider"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="reply_templates",
    )  # fmt: skip
    order = models.IntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("changed"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["order", "id"]
        indexes = [
            models.Index(fields=["scope", "department", "order"], name="replytemplate_scope"),
            models.Index(fields=["owner", "scope"], name="replytemplate_owner"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, update_fields=None, **kwargs):
        """A save that writes the text or scope is a change; moving it in the order (which
        names only `order`) is not."""
        if update_fields is None or "updated_at" in update_fields:
            self.updated_at = clock.now()
        super().save(*args, update_fields=update_fields, **kwargs)
