from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helpdesk.mail import outgoing
from helpdesk.mail.models import BlockedSender, Mailbox, OutgoingMail


class MailboxForm(forms.ModelForm):
    """The password is write-only: typed in to set or change it, never shown back."""

    new_password = forms.CharField(
        label=gettext_lazy("password"), required=False, strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=gettext_lazy("Stored encrypted. Leave empty to keep the current one."),
    )  # fmt: skip
    clear_password = forms.BooleanField(label=gettext_lazy("remove the password"), required=False)

    class Meta:
        model = Mailbox
        fields = ["address", "department", "is_abuse", "enabled", "method", "host", "port",
                  "security", "login", "folder", "after_fetch", "done_folder",
                  "error_folder"]  # fmt: skip

    def clean(self):
        data = super().clean()
        method = data.get("method")
        if method in {Mailbox.Method.IMAP, Mailbox.Method.POP3}:
            if not data.get("host") or not data.get("login"):
                raise forms.ValidationError(_("A fetched mailbox needs a server and a login."))
            has_password = self.instance.password_encrypted or data.get("new_password")
            if not has_password or data.get("clear_password"):
                raise forms.ValidationError(_("A fetched mailbox needs a password."))
        if method == Mailbox.Method.POP3 and data.get("after_fetch") == Mailbox.AfterFetch.MOVE:
            self.add_error("after_fetch", _("POP3 has no folders: choose delete."))
        return data

    def save(self, commit=True):
        if self.cleaned_data.get("clear_password"):
            self.instance.set_password("")
        elif self.cleaned_data.get("new_password"):
            self.instance.set_password(self.cleaned_data["new_password"])
        return super().save(commit)


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    form = MailboxForm
    list_display = ["address", "department", "method", "is_abuse", "enabled", "last_fetch_at",
                    "last_error"]  # fmt: skip
    list_filter = ["enabled", "is_abuse", "method"]
    readonly_fields = ["has_password", "last_fetch_at", "last_error"]
    fieldsets = [
        (None, {"fields": ["address", "department", "is_abuse", "enabled", "method"]}),
        (gettext_lazy("Server (IMAP, POP3)"), {"fields": [
            "host", "port", "security", "login", "has_password", "new_password",
            "clear_password", "folder", "after_fetch", "done_folder", "error_folder",
            "last_fetch_at", "last_error",
        ]}),
    ]  # fmt: skip

    @admin.display(description=gettext_lazy("password set"), boolean=True)
    def has_password(self, mailbox):
        return bool(mailbox.password_encrypted)


@admin.register(BlockedSender)
class BlockedSenderAdmin(admin.ModelAdmin):
    list_display = ["address"]
    search_fields = ["address"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Root sees every notification, and why the failed ones failed."""

    list_display = ["created_at", "kind", "ticket_id", "address", "status", "attempts",
                    "next_attempt_at", "last_error"]  # fmt: skip
    list_filter = ["status", "kind"]
    search_fields = ["address", "message_id", "=ticket__id"]
    list_select_related = False
    show_full_result_count = False
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=gettext_lazy("Send again now"))
    def send_again(self, request, queryset):
        again = queryset.exclude(status=OutgoingMail.Status.SENT)
        again.update(status=OutgoingMail.Status.PENDING, attempts=0, next_attempt_at=timezone.now())
        sent = sum(outgoing.send(pk) for pk in again.values_list("pk", flat=True))
        messages.info(request, _("%(count)s mail(s) sent.") % {"count": sent})
