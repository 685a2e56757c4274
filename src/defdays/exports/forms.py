from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.exports.models import ExportFormat


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Current code from your authenticator app"),
            max_length=8,
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
            **kwargs,
        )


class ExportRequestForm(forms.Form):
    columns = forms.MultipleChoiceField(label=_("Fields"), widget=forms.CheckboxSelectMultiple)
    file_format = forms.ChoiceField(
        label=_("Format"), choices=ExportFormat.choices, initial=ExportFormat.CSV, widget=forms.RadioSelect
    )
    code = CodeField(
        help_text=_("Needed only when you choose a restricted field (marked as such). A second organiser must then "
                    "approve the export before you can download it, once.")
    )  # fmt: skip

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.restricted_keys = {c.key for c in columns if c.restricted}
        if not self.restricted_keys:
            # Nothing offered needs the second factor (a check-in volunteer's list): no field asks for a code.
            del self.fields["code"]
        self.fields["columns"].choices = [
            (c.key, f"{c.label} ({_('restricted')})" if c.restricted else str(c.label)) for c in columns
        ]

    def clean(self):
        data = super().clean()
        if set(data.get("columns") or ()) & self.restricted_keys and not data.get("code"):
            self.add_error("code", _("A restricted field needs a current code from your authenticator app."))
        return data


class ApprovalForm(forms.Form):
    code = CodeField()

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not code:
            raise forms.ValidationError(_("Approving needs a current code from your authenticator app."))
        return code
