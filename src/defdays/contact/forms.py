"""The contact form, with its abuse checks that need no third party: a honeypot field and a minimum fill time
(a signed timestamp; the rate limits are in the view). No captcha: a captcha service would learn who writes to
a human-rights organisation, and a self-made one shuts out screen-reader users."""

from __future__ import annotations

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from defdays.contact.models import BODY_MAX
from defdays.core.forms import EmailAddressField, VisibleTextField

# A person needs more than this to write anything; a script posting at once does not.
MIN_FILL_SECONDS = 3
# An old form (a tab left open for days) asks to send again rather than failing silently.
MAX_FORM_AGE_SECONDS = 24 * 3600
_SALT = "defdays.contact.form-started"
# The honeypot's name looks like a field a bot wants to fill; people never see it (hidden by CSS, out of the tab
# order, hidden from screen readers).
HONEYPOT = "website"


def started_token(now: float | None = None) -> str:
    return signing.dumps(int(now if now is not None else time.time()), salt=_SALT)


class ContactForm(forms.Form):
    name = VisibleTextField(label=_("Your name"), max_length=100, required=False, help_text=_("Optional."))
    email = EmailAddressField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The answer goes here. Only the organisers and the contact person can read it."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, max_length=200)

    def honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_message(self):
        text = self.cleaned_data["message"].strip()
        if not text:
            raise forms.ValidationError(_("Please write a message."))
        return text

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=_SALT, max_age=MAX_FORM_AGE_SECONDS)
        except signing.BadSignature as exc:  # SignatureExpired included
            raise forms.ValidationError(
                _("This form was open for too long or is not ours. Nothing was sent; please send it again."),
                code="stale",
            ) from exc
        if time.time() - int(started) < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was faster than anyone can write. Nothing was sent; please wait a moment and send again."),
                code="too_fast",
            )
        return started


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_("Sent by email to the sender's address, in plain text."),
    )


class SettingsForm(forms.Form):
    reader = forms.ModelChoiceField(
        label=_("Account of the contact person"),
        queryset=None,
        required=False,
        help_text=_("Reads and answers messages with the organisers. Only accounts with a staff role here."),
    )
    openpgp_key = forms.CharField(
        label=_("OpenPGP public key"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6, "class": "secret"}),
    )
    secure_channels = forms.CharField(
        label=_("Other secure channels"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, e.g. a Signal number or a SecureDrop address."),
    )

    def __init__(self, *args, readers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reader"].queryset = readers
        self.fields["reader"].label_from_instance = lambda user: user.public_name

    def clean_openpgp_key(self):
        key = self.cleaned_data["openpgp_key"].strip()
        if key and not (
            key.startswith("-----BEGIN PGP PUBLIC KEY BLOCK-----") and "-----END PGP PUBLIC KEY BLOCK-----" in key
        ):
            raise forms.ValidationError(_("Paste the whole public key block, from BEGIN to END."))
        return key
