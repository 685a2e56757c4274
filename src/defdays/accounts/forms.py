from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from defdays.accounts.validators import MAX_PASSWORD_LENGTH, PASSWORD_RULES
from defdays.core.forms import EmailAddressField
from defdays.core.roles import RoleName


class LoginForm(forms.Form):
    email = EmailAddressField(
        label=_("Email"), max_length=320, widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=MAX_PASSWORD_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=16,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip()


class SetupTokenForm(forms.Form):
    token = forms.RegexField(
        label=_("The 6-digit code your app shows now"),
        regex=r"^\s*\d{6}\s*$",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReauthenticateForm(forms.Form):
    """Password, and a current code once the account has an authenticator: asked before any 2FA change."""

    password = forms.CharField(
        label=_("Your password"),
        max_length=MAX_PASSWORD_LENGTH,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your current authenticator app, or a recovery code"),
        max_length=16,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def __init__(self, *args, needs_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_code:
            del self.fields["code"]

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").strip()


class PasswordResetRequestForm(forms.Form):
    email = EmailAddressField(label=_("Email"), max_length=320)


class NewPasswordForm(forms.Form):
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        help_text=PASSWORD_RULES,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            raise forms.ValidationError(_("The two passwords differ."))
        if first:
            password_validation.validate_password(first, self.user)
        return cleaned


class PasswordChangeForm(NewPasswordForm):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self):
        if not self.user.check_password(self.cleaned_data["old_password"]):
            raise forms.ValidationError(_("That is not your current password."))
        return self.cleaned_data["old_password"]


class RoleGrantForm(forms.Form):
    email = EmailAddressField(label=_("Email of an existing account"), max_length=320)
    role = forms.ChoiceField(label=_("Role"), choices=RoleName.choices)
