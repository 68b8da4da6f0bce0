from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autofocus": True, "autocomplete": "username"})


class CodeForm(forms.Form):
    """A code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        # People copy codes as "123 456" or "ABCD-EFGH".
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()


class ConfirmForm(forms.Form):
    """Proof that the person at the keyboard is the account's owner: a current code or the
    password."""

    secret = forms.CharField(
        label=_("A code from your authenticator app, or your password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “monitoring script”."),
    )


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
