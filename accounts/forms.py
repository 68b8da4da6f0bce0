from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autofocus": True, "autocomplete": "username"})


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The old password is checked like a login, through django-axes, so the form cannot
    be used to guess a password that the login form would lock out."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if getattr(self.request, "axes_locked_out", False):
            self.request.axes_locked_out = False  # answered here, not by axes' lockout page
            raise forms.ValidationError(
                _("Too many wrong passwords. Wait a while, then try again."), code="locked"
            )
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password
