from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from defdays.core.converters import MAX_ID
from defdays.core.forms import EmailAddressField, VisibleTextField


class SignUpForm(forms.Form):
    session = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    name = VisibleTextField(
        label=_("Your name"),
        max_length=100,
        help_text=_("As you would like it on your booking. Organisers see it; nobody else does."),
    )
    email = EmailAddressField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send a link here: open it to confirm your booking, change or cancel it."),
    )
    language = forms.ChoiceField(label=_("Language of our emails"), choices=settings.LANGUAGES)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give a name."))
        return name


class RenameForm(forms.Form):
    name = VisibleTextField(label=_("Name on the booking"), max_length=100)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give a name."))
        return name


class CapacityForm(forms.Form):
    total = forms.IntegerField(label=_("Seats"), min_value=0, max_value=100_000)
