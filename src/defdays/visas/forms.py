from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.core.forms import VisibleTextField
from defdays.visas import services


class DetailsForm(forms.Form):
    passport_name = VisibleTextField(label=_("Name exactly as in your passport"), max_length=200)
    passport_number = forms.CharField(label=_("Passport number"), max_length=40)
    nationality = VisibleTextField(label=_("Nationality"), max_length=100)
    birth_date = forms.DateField(label=_("Date of birth"), help_text=_("As YYYY-MM-DD."))
    stay_from = forms.DateField(label=_("First day of your stay"), help_text=_("As YYYY-MM-DD."))
    stay_to = forms.DateField(label=_("Last day of your stay"), help_text=_("As YYYY-MM-DD."))
    embassy = VisibleTextField(label=_("The embassy or consulate you apply at"), max_length=200)
    agree = forms.BooleanField(label=_("I agree that the letter describes the event as shown above."))

    def clean_passport_number(self):
        try:
            return services.normalise_passport_number(self.cleaned_data["passport_number"])
        except services.VisaError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            services.check_details(self.details())
        except services.VisaError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data

    def details(self) -> services.Details:
        data = self.cleaned_data
        return services.Details(**{name: data[name] for name in services.Details.__dataclass_fields__})
