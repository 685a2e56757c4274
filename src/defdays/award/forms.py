"""Award forms. Files are checked by core.uploads in the form's clean, before any service runs: a refused file
means the form is invalid and nothing at all is written."""

from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.award.models import SCORE_MAX, SCORE_MIN
from defdays.core.forms import VisibleTextField
from defdays.core.uploads import DOCUMENT_KINDS, IMAGE_KINDS, UploadRefused, clean_upload

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def _cleaned_files(uploads, kinds):
    cleaned, errors = [], []
    for upload in uploads:
        try:
            cleaned.append(clean_upload(upload, kinds=kinds, max_bytes=MAX_FILE_BYTES))
        except UploadRefused as refused:
            # The file's own name is not repeated: it may be what the attack is (a name that reads backwards).
            errors.extend(refused.messages)
    if errors:
        raise forms.ValidationError(errors)
    return cleaned


class NominationForm(forms.Form):
    nominee_name = VisibleTextField(
        label=_("Nominee's public name"),
        max_length=150,
        help_text=_("The name under which the nominee works publicly. It is kept encrypted and shown only to the "
                    "jury and the organisers, unless the nominee wins and the award is announced."),
    )  # fmt: skip
    country = VisibleTextField(label=_("Country"), max_length=100)
    field_of_work = VisibleTextField(label=_("Field of work"), max_length=200)
    why = forms.CharField(label=_("Why this defender?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    risks = forms.CharField(
        label=_("Risks they face"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What could happen to them if this nomination became known. The jury reads this first."),
    )
    nominator_contact = forms.CharField(
        label=_("How can we reach you?"),
        max_length=300,
        help_text=_("An email address, a Signal number or another safe channel."),
    )
    files = MultipleFileField(
        label=_("Supporting files"),
        required=False,
        help_text=_("Up to 5 files: PDF, JPEG or PNG, 10 MB each. Photos lose their metadata (place, camera)."),
    )

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("At most 5 files."))
        return _cleaned_files(uploads, DOCUMENT_KINDS)


class SettingsForm(forms.Form):
    nominations_open = forms.BooleanField(label=_("Nominations are open"), required=False)
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    public_form = forms.BooleanField(label=_("Also take nominations through the public form"), required=False)
    criteria = forms.CharField(
        label=_("Scoring criteria"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. Each is scored from 1 to 5 with a comment."),
    )
    announce_at = forms.DateTimeField(
        label=_("Announcement time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the edition's time zone. The worker announces the laureate at this time."),
    )

    def clean_criteria(self):
        lines = [line.strip() for line in self.cleaned_data["criteria"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Name at least one criterion."))
        if len(lines) > 10 or any(len(line) > 60 for line in lines):
            raise forms.ValidationError(_("At most 10 criteria of 60 characters each."))
        return lines


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]
        for index, criterion in enumerate(self.criteria):
            self.fields[f"score_{index}"] = forms.TypedChoiceField(
                label=criterion, choices=choices, coerce=int, widget=forms.RadioSelect
            )
            self.fields[f"comment_{index}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def values(self) -> dict:
        return {c: self.cleaned_data[f"score_{i}"] for i, c in enumerate(self.criteria)}

    def comments(self) -> dict:
        return {c: self.cleaned_data[f"comment_{i}"] for i, c in enumerate(self.criteria)}


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Deliberation note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    laureate = forms.TypedChoiceField(label=_("Laureate"), coerce=int)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=99)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=99)
    votes_abstained = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=99)

    def __init__(self, *args, shortlist, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["laureate"].choices = shortlist


class LaureateProfileForm(forms.Form):
    biography = forms.CharField(
        label=_("Short biography"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    photo_consent = forms.BooleanField(
        label=_("The laureate agreed in writing that their photo may be shown publicly"), required=False
    )
    photo = forms.FileField(label=_("Photo (JPEG or PNG)"), required=False)

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return _cleaned_files([upload], IMAGE_KINDS)[0]
