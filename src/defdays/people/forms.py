from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from defdays.accounts.validators import MAX_PASSWORD_LENGTH
from defdays.core.forms import EmailAddressField, VisibleTextField


class ProfileForm(forms.Form):
    public_name = VisibleTextField(
        label=_("Public name"),
        max_length=100,
        help_text=_("Shown to others instead of your legal name. A pseudonym is fine."),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)

    def clean_public_name(self):
        name = self.cleaned_data["public_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter a public name."))
        return name


class PasswordCheckedForm(forms.Form):
    """A form that also asks for the person's current password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    wrong_password_message = _("That is not your password.")

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(self.wrong_password_message)
        return password


class EmailChangeForm(PasswordCheckedForm):
    email = EmailAddressField(
        label=_("New email"),
        max_length=320,
        help_text=_("We send a link to this address; the change happens when you open it."),
    )
    field_order = ["email", "password"]


class EraseForm(PasswordCheckedForm):
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))
    wrong_password_message = _("That is not your password. Nothing was erased.")


class ShowAgainForm(forms.Form):
    """The safety team shows a hidden person again only with a reason, which the person is told."""

    person = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.ChoiceField(label=_("Reason (the person is told)"), choices=())

    def __init__(self, *args, **kwargs):
        from defdays.people.services import ShowAgainReason

        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Choose a reason"))] + list(ShowAgainReason.choices)


class HideParticipantForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Participant to hide"), queryset=None, empty_label=_("Choose a participant")
    )

    def __init__(self, queryset, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = queryset
        self.fields["person"].label_from_instance = lambda user: user.public_name
