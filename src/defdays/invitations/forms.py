from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from defdays.accounts.models import User
from defdays.accounts.validators import MAX_PASSWORD_LENGTH, PASSWORD_RULES
from defdays.core.forms import EmailAddressField, VisibleTextField
from defdays.core.spreadsheets import starts_like_formula
from defdays.invitations import importer
from defdays.invitations.models import InvitationRole
from defdays.registration.forms import ParticipationFields


class InviteForm(forms.Form):
    public_name = VisibleTextField(
        label=_("Public name"), max_length=100, help_text=_("How the person will be known here. A pseudonym is fine.")
    )
    email = EmailAddressField(label=_("Email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=InvitationRole.choices)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="en")
    pgp_key = forms.CharField(
        label=_("OpenPGP public key (optional)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("When given, the invitation email is encrypted to this key."),
    )
    note = forms.CharField(
        label=_("Internal note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Stored encrypted and seen by organisers, and by the invitee: it is part of their data export, "
            "as everything we hold about a person is. Write nothing you would not show them."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("public_name", "note"):
            if starts_like_formula(cleaned.get(name)):
                self.add_error(name, importer.REASONS["formula"])
        return cleaned


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: public name, email, role (defender, stakeholder or speaker), language, OpenPGP public key, "
            "internal note. Comma or semicolon separated, UTF-8. The internal note is stored encrypted and seen by "
            "organisers, and by the invitee in their data export."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > importer.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB. Split it into smaller files.")
                % {"mb": importer.MAX_BYTES // (1024 * 1024)}
            )
        try:
            text = importer.decode(upload.read(importer.MAX_BYTES + 1))
            parsed = importer.parse(text)
        except importer.ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        if not parsed.rows:
            raise forms.ValidationError(_("The file has a header but no rows."))
        self.cleaned_data["text"] = text
        return upload


class RedeemForm(ParticipationFields):
    public_name = VisibleTextField(
        label=_("Public name"), max_length=100, help_text=_("Others see you only by this name. A pseudonym is fine.")
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        help_text=PASSWORD_RULES,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    accept_code_of_conduct = forms.BooleanField(label=_("I accept the code of conduct"))
    # The version the page showed: the service refuses the acceptance if organisers published another since.
    code_of_conduct_version = forms.CharField(widget=forms.HiddenInput, max_length=20)
    accept_photo_policy = forms.BooleanField(label=_("I accept the photo and recording policy"))
    field_order = [
        "public_name",
        "password1",
        "password2",
        "days",
        "photo_consent",
        "access_needs",
        "accept_code_of_conduct",
        "accept_photo_policy",
        "code_of_conduct_version",
    ]

    def __init__(self, *args, edition, needs_password=True, **kwargs):
        super().__init__(*args, edition=edition, **kwargs)
        self.edition = edition
        if not needs_password:
            for name in ("password1", "password2", "public_name"):
                del self.fields[name]

    def with_new_code_of_conduct(self, version: str) -> "RedeemForm":
        """The same answers, asking again for the acceptance of the version now current."""
        data = self.data.copy()
        data["code_of_conduct_version"] = version
        data.pop("accept_code_of_conduct", None)
        form = type(self)(data, edition=self.edition, needs_password="password1" in self.fields)
        form.is_valid()
        form.errors["accept_code_of_conduct"] = form.error_class(
            [_("The code of conduct changed while this page was open. Read the new version above and accept it.")]
        )
        return form

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if "password1" in self.fields:
            if first and second and first != second:
                self.add_error("password2", _("The two passwords differ."))
            elif first:
                try:
                    password_validation.validate_password(first, User(public_name=cleaned.get("public_name", "")))
                except forms.ValidationError as exc:
                    self.add_error("password1", exc)
        return cleaned
