"""Which notifications one gets by mail: the preferences page (every login, for themselves)
and the one-click unsubscribe link in each notification (List-Unsubscribe, RFC 8058)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.decorators import any_role
from accounts.models import User
from accounts.policies import acting_staff, is_desk_user
from helpdesk.mail import outgoing
from helpdesk.mail.models import NotificationPreferences


def choices_for(user) -> list[str]:
    if is_desk_user(user):
        return NotificationPreferences.STAFF_CHOICES
    return NotificationPreferences.CLIENT_CHOICES


def preferences_form(user, data=None):
    class PreferencesForm(forms.ModelForm):
        class Meta:
            model = NotificationPreferences
            fields = choices_for(user)

    instance = NotificationPreferences.objects.filter(user=user).first()
    return PreferencesForm(data, instance=instance or NotificationPreferences(user=user))


@require_http_methods(["GET", "POST"])
@any_role
def notification_preferences(request):
    if acting_staff(request.user) is not None:  # the client's own choice, not staff's
        raise PermissionDenied
    form = preferences_form(request.user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your notification choices are saved."))
        return redirect("mail_preferences")
    status = 400 if form.is_bound else 200
    context = {"form": form, "email": request.user.email}
    return render(request, "mail/preferences.html", context, status=status)


@csrf_exempt  # mail programs post the one-click unsubscribe without a session (RFC 8058)
@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (link scanners must not unsubscribe anyone); POST turns the kind off."""
    found = outgoing.read_unsubscribe(token)
    user = found and User.objects.filter(pk=found[0], is_active=True).first()
    if not user or found[1] not in choices_for(user):
        return render(request, "mail/unsubscribe.html", {"invalid": True}, status=404)
    kind = found[1]
    label = NotificationPreferences._meta.get_field(kind).verbose_name
    if request.method == "POST":
        NotificationPreferences.objects.update_or_create(user=user, defaults={kind: False})
    context = {"label": label, "done": request.method == "POST"}
    return render(request, "mail/unsubscribe.html", context)
