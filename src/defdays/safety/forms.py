from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.safety.models import ReportStatus
from defdays.safety.services import MAX_REPORT_CHARS


class CodeOfConductForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the new version (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 18, "dir": "auto"}),
        max_length=50_000,
    )


class ReportForm(forms.Form):
    body = forms.CharField(
        label=_("What happened?"),
        help_text=_("Say what happened, when and where, as far as you want to. You do not have to name anyone."),
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
        max_length=MAX_REPORT_CHARS,
    )
    signed = forms.TypedChoiceField(
        label=_("Who sends this report?"),
        choices=[("0", _("Send it anonymously")), ("1", _("Send it with my account, so I see its status on my page"))],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not signed_in:
            del self.fields["signed"]


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"), max_length=64, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )


class ReportUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReportStatus.choices)
    about = forms.ChoiceField(label=_("About a participant"), required=False)
    note = forms.CharField(
        label=_("Internal note (only the safety team sees it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=MAX_REPORT_CHARS,
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = [("", _("Nobody named")), *((str(p.pk), p.public_name) for p in participants)]
