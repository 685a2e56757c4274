from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.badges.models import BatchLayout


class BatchForm(forms.Form):
    layout = forms.ChoiceField(label=_("Layout"), choices=BatchLayout.choices, initial=BatchLayout.A6)


class ScanForm(forms.Form):
    code = forms.CharField(
        label=_("Badge code"),
        max_length=40,
        help_text=_("Type the code printed under the QR code, or scan it into this field."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "autofocus": True}
        ),
    )

    def __init__(self, *args, trainings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"] = forms.ChoiceField(
            label=_("Check in for"),
            required=False,
            choices=[("", _("Today's arrival"))] + [(str(s.uid), s.title) for s in trainings],
        )
