from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.mailings import audiences
from defdays.mailings.models import Audience


class ComposeForm(forms.Form):
    audience = forms.ChoiceField(label=_("To"), choices=Audience.choices)
    training = forms.ModelChoiceField(
        label=_("Training (for its seat holders)"), queryset=None, required=False, empty_label=_("—")
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("Shown inside the message and on /me/. The email's subject stays neutral."),
    )
    body = forms.CharField(label=_("Message"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 12}))
    include_hidden = forms.BooleanField(
        label=_("Include people who are hidden (safety team only)"),
        required=False,
        help_text=_("Left out otherwise. Only for a message they must receive, such as a safety warning."),
    )

    def __init__(self, *args, edition, may_include_hidden: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = audiences.trainings_of(edition)
        if not may_include_hidden:
            del self.fields["include_hidden"]

    def clean(self):
        data = super().clean()
        if data.get("audience") == Audience.TRAINING and not data.get("training"):
            self.add_error("training", _("Choose the training whose seat holders get the message."))
        if data.get("audience") != Audience.TRAINING:
            data["training"] = None
        data.setdefault("include_hidden", False)
        return data
