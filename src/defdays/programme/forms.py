from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from defdays.accounts import visibility
from defdays.accounts.models import User
from defdays.core.forms import VisibleTextField
from defdays.core.multilingual import TranslationsFormMixin
from defdays.core.roles import RoleName
from defdays.programme.models import (
    ProgrammeSettings,
    Room,
    SessionAudience,
    SessionType,
    Speaker,
    SpeakerRole,
    Track,
)
from defdays.programme.selectors import orga_rooms, orga_tracks

ABSTRACT_MAX = 20_000
# The session's own fields, as the form takes them and gives them back; day and times are combined separately.
SESSION_FIELDS = (
    "title",
    "abstract",
    "type",
    "track",
    "room",
    "language",
    "interpretation",
    "audience",
    "chatham_house",
    "no_recording",
    "no_photos",
    "seat_cap",
)


class SessionForm(TranslationsFormMixin, forms.Form):
    translated_fields = {"title": 200, "abstract": ABSTRACT_MAX}

    title = forms.CharField(label=_("Title"), max_length=200)
    abstract = forms.CharField(
        label=_("Abstract"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=ABSTRACT_MAX,
        error_messages={
            "max_length": _("The abstract is too long: at most %(limit_value)d characters (it has %(show_value)d).")
        },
    )
    type = forms.ChoiceField(label=_("Type"), choices=SessionType.choices)
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.none(), required=False)
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        help_text=_("Leave the day empty to keep the session unscheduled."),
    )
    starts = forms.TimeField(
        label=_("Starts (local time)"), widget=forms.TimeInput(attrs={"type": "time"}), required=False
    )
    ends = forms.TimeField(label=_("Ends (local time)"), widget=forms.TimeInput(attrs={"type": "time"}), required=False)
    language = forms.CharField(label=_("Language"), max_length=40, initial="English")
    interpretation = forms.CharField(label=_("Interpretation into"), max_length=100, required=False)
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=SessionAudience.choices,
        help_text=_("Closed-part sessions are never shown to the public."),
    )
    chatham_house = forms.BooleanField(
        label=_("Chatham House Rule (speakers named only with consent, never publicly)"), required=False
    )
    no_recording = forms.BooleanField(label=_("No recording"), required=False)
    no_photos = forms.BooleanField(label=_("No photos"), required=False)
    seat_cap = forms.IntegerField(
        label=_("Seats (trainings)"),
        min_value=1,
        max_value=10_000,
        required=False,
        help_text=_("A new number of seats applies when the next version is published."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    accept_conflicts = forms.BooleanField(label=_("Save despite the conflicts listed above"), required=False)

    def __init__(self, *args, edition, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["track"].queryset = orga_tracks(edition)
        self.fields["room"].queryset = orga_rooms(edition)
        self.add_translation_fields((self.initial or {}).get("translations"))
        rules = ProgrammeSettings.for_edition(edition)
        offered = rules.offered_types()
        if session is not None and session.type not in dict(offered):  # it keeps a type no longer offered
            offered.append((session.type, SessionType(session.type).label))
        self.fields["type"].choices = offered

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and (starts is None or ends is None):
            raise ValidationError(_("Give both a start and an end time, or leave the day empty."))
        if day and starts and ends and ends <= starts:
            self.add_error("ends", _("The session ends before it starts."))
        return data

    def session_fields(self) -> dict:
        """The model fields from the cleaned form: local day and times become a UTC start and a duration."""
        data = self.cleaned_data
        start, duration = None, 60
        if data.get("day"):
            tz = self.edition.tz
            start = datetime.combine(data["day"], data["starts"], tzinfo=tz)
            end = datetime.combine(data["day"], data["ends"], tzinfo=tz)
            duration = int((end - start).total_seconds() // 60)
        return {name: data[name] for name in SESSION_FIELDS} | {
            "start": start,
            "duration": duration,
            "translations": self.translations(),
        }

    @staticmethod
    def initial_for(session):
        tz = session.edition.tz
        initial = {name: getattr(session, name) for name in (*SESSION_FIELDS, "revision", "translations")}
        if session.start:
            start, end = session.start.astimezone(tz), session.end.astimezone(tz)
            initial |= {"day": start.date(), "starts": start.time(), "ends": end.time()}
        return initial


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "accessibility", "is_closed", "opens_at", "closes_at", "position"]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}),
            "closes_at": forms.TimeInput(attrs={"type": "time"}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.edition = edition

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The room closes before it opens."))
        # The edition is not a form field, so Django's own unique check would skip this constraint.
        same_name = Room.objects.filter(edition=self.instance.edition, name__iexact=data.get("name", ""))
        if data.get("name") and same_name.exclude(pk=self.instance.pk).exists():
            self.add_error("name", _("This edition already has a room with this name."))
        return data


class GuestForm(forms.Form):
    name = VisibleTextField(
        label=_("Public name"),
        max_length=200,
        help_text=_("Guests are public figures, known by this name only; no account."),
    )
    bio = forms.CharField(
        label=_("Short biography"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )


class AddSpeakerForm(forms.Form):
    person = forms.ChoiceField(label=_("Speaker"))
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.choices)
    consent_closed = forms.BooleanField(
        label=_("Guests only: agrees to be named inside the closed part (Chatham House sessions)"), required=False
    )
    consent_public = forms.BooleanField(
        label=_("Guests only: agrees to be named publicly for this session"),
        required=False,
        help_text=_("Speakers with an account answer both questions themselves, on their own page."),
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        listed = Q(user__isnull=True) | visibility.listed_q("user")
        choices = [
            (f"s{sp.pk}", sp.display_name + (" " + str(_("(guest)")) if sp.is_guest else ""))
            for sp in Speaker.objects.filter(edition=edition).filter(listed).select_related("user")
        ]
        have = {sp.user_id for sp in Speaker.objects.filter(edition=edition, user__isnull=False)}
        users = visibility.listed(
            User.objects.filter(roles__edition=edition, roles__role=RoleName.SPEAKER).exclude(pk__in=have)
        )
        choices += [(f"u{u.pk}", u.public_name) for u in users]
        self.fields["person"].choices = [("", "---")] + choices

    def clean(self):
        """The consent rule, shown on the form; services.add_speaker checks it again in its transaction."""
        from defdays.programme.services import check_team_consent

        data = super().clean()
        person = data.get("person", "")
        if person:
            is_guest = (
                person.startswith("s")
                and Speaker.objects.filter(pk=int(person[1:]), edition=self.edition, user__isnull=True).exists()
            )
            check_team_consent(
                is_guest=is_guest,
                consent_closed=data.get("consent_closed", False),
                consent_public=data.get("consent_public", False),
            )
        return data

    def chosen(self) -> Speaker | User:
        """The chosen speaker, or the account whose speaker profile services.add_speaker will make: a form
        writes nothing."""
        value = self.cleaned_data["person"]
        if value.startswith("s"):
            return Speaker.objects.get(pk=int(value[1:]), edition=self.edition)
        return User.objects.get(pk=int(value[1:]))


class PublishForm(forms.Form):
    name = forms.CharField(
        label=_("Version name"), max_length=100, required=False, help_text=_("For example: “Final programme”.")
    )
    expected_latest = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    approve_public_names = forms.BooleanField(
        label=_("As an organiser, I approve naming the people listed above publicly"), required=False
    )

    def __init__(self, *args, may_approve: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_approve:
            del self.fields["approve_public_names"]


class SpeakerConsentForm(forms.Form):
    """A speaker's own answer for one session; only the questions this session asks are shown."""

    consent_closed = forms.BooleanField(
        label=_("Participants in the closed part may read my name on this session"), required=False
    )
    consent_public = forms.BooleanField(
        label=_("Anyone may read my name on this session (the public programme, its exports and calendars)"),
        required=False,
    )

    def __init__(self, *args, link, **kwargs):
        super().__init__(*args, prefix=f"link{link.pk}", **kwargs)
        self.link = link
        if not link.session.asks_closed_consent:
            del self.fields["consent_closed"]
        if not link.session.asks_public_consent:
            del self.fields["consent_public"]


class TrackForm(forms.Form):
    name = VisibleTextField(label=_("Track name"), max_length=100)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Track.objects.filter(edition=self.edition, name=name).exists():
            raise ValidationError(_("This edition has a track with this name."))
        return name


class ProgrammeSettingsForm(forms.Form):
    session_types = forms.MultipleChoiceField(
        label=_("Session types this edition offers"),
        choices=SessionType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every type."),
    )
    training_seats = forms.IntegerField(
        label=_("Seats of a new training"),
        min_value=1,
        max_value=10_000,
        required=False,
        help_text=_("Filled in when a new session is created; each training can still have its own number."),
    )
    trainings_per_person = forms.IntegerField(
        label=_("Trainings one person may book"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Seats and waitlist places together. Empty: no limit."),
    )


# --- Speakers' own pages ----------------------------------------------------------------------------------


class SpeakerSessionForm(forms.Form):
    abstract = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=ABSTRACT_MAX,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)


class SpeakerProfileForm(forms.Form):
    public_name = VisibleTextField(
        label=_("Your name on the programme"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to appear under your account's public name. A pseudonym is fine."),
    )
    bio = forms.CharField(
        label=_("Short biography"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=4000
    )


class MaterialLinkForm(forms.Form):
    title = VisibleTextField(label=_("Title of the link"), max_length=200)
    url = forms.URLField(label=_("Address (https://…)"), max_length=500, assume_scheme="https")

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.startswith("https://"):
            raise ValidationError(_("Use an address that starts with https://."))
        return url


class MaterialFileForm(forms.Form):
    title = VisibleTextField(label=_("Title of the file"), max_length=200)
    file = forms.FileField(label=_("PDF file"), help_text=_("PDF only, at most 20 MB; no scripts or embedded files."))


class SpeakerDeadlineForm(forms.Form):
    edits_until = forms.DateTimeField(
        label=_("Speakers may edit until"),
        required=False,
        help_text=_("In the edition's time zone. Empty: speakers cannot edit their pages."),
        input_formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
