from datetime import datetime

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


class OpenSessionForm(forms.Form):
    """The open session's details in the edition's local time; `seats` only when creating one."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("What happens"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000)
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts = forms.TimeField(label=_("Starts (local time)"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends (local time)"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Where"), max_length=300)
    seats = forms.IntegerField(label=_("Seats"), min_value=0, max_value=100_000)

    def __init__(self, *args, edition, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        if not creating:
            del self.fields["seats"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The session ends before it starts."))
        return data

    def detail_fields(self) -> dict:
        data, tz = self.cleaned_data, self.edition.tz
        return {
            "title": data["title"],
            "description": data["description"],
            "place": data["place"],
            "starts_at": datetime.combine(data["day"], data["starts"], tzinfo=tz),
            "ends_at": datetime.combine(data["day"], data["ends"], tzinfo=tz),
        }

    @staticmethod
    def initial_for(session) -> dict:
        tz = session.edition.tz
        start, end = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
        return {
            "title": session.title,
            "description": session.description,
            "place": session.place,
            "day": start.date(),
            "starts": start.time(),
            "ends": end.time(),
        }
