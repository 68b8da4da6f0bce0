from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helpdesk import clock


class Favorite(models.Model):
    """A staff member's bookmark on a ticket."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="favorites",
    )
    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("ticket"),
        on_delete=models.CASCADE,
        related_name="favorites",
    )
    created_at = models.DateTimeField(_("added"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("favorite")
        verbose_name_plural = _("favorites")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "ticket"], name="favorite_once_per_user")
        ]

    def __str__(self):
        return f"{self.user} ★ {self.ticket_id}"
