from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from defdays.core.converters import FIRST_YEAR, LAST_YEAR
from defdays.core.forms import EmailAddressField, VisibleTextField
from defdays.core.multilingual import TranslationsFormMixin
from defdays.editions.models import TRANSLATED_FIELDS, Edition

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def day_choices(edition):
    """The edition's days as form choices: invitations and registration both ask which days a person comes."""
    return [(day.isoformat(), formats.date_format(day, "l j E Y")) for day in edition.days()]


class EditionForm(TranslationsFormMixin, forms.ModelForm):
    translated_fields = {name: 200 if name == "title" else None for name in TRANSLATED_FIELDS}

    # Bounded here, not only by the database: a year the URLs cannot hold (99999, or 20 digits that overflow the
    # column) reached the page's links and answered 500 instead of a form error.
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    contact_name = VisibleTextField(label=_("Contact person"), max_length=200)
    contact_email = EmailAddressField(label=_("Contact address"), max_length=254)

    class Meta:
        model = Edition
        fields = [
            "year",
            "title",
            "slug",
            "status",
            "start_date",
            "end_date",
            "main_day",
            "main_day_note",
            "city",
            "venue",
            "time_zone",
            "organiser_name",
            "description",
            "aims",
            "closed_part_info",
            "open_session_info",
            "invitation_info",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "main_day": DATE,
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "main_day_note",
                    "description",
                    "aims",
                    "closed_part_info",
                    "open_session_info",
                    "invitation_info",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translation_fields(self.instance.translations)

    def clean(self):
        cleaned = super().clean()
        cleaned["translations"] = self.pop_translations(cleaned)
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day comes before the first day."))
        return cleaned


class NewEditionForm(forms.ModelForm):
    """Next year's edition from this one: what differs every year. The rest is copied and can be changed after."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)

    class Meta:
        model = Edition
        fields = ["year", "title", "slug", "start_date", "end_date", "main_day"]
        widgets = {"start_date": DATE, "end_date": DATE, "main_day": DATE}

    def clean(self):
        cleaned = super().clean()
        start, end, main = cleaned.get("start_date"), cleaned.get("end_date"), cleaned.get("main_day")
        if start and end and end < start:
            self.add_error("end_date", _("The last day comes before the first day."))
        elif start and end and main and not (start <= main <= end):
            self.add_error("main_day", _("The main day must fall within the edition."))
        return cleaned

    @staticmethod
    def initial_from(source: Edition) -> dict:
        def next_year(day):
            try:
                return day.replace(year=source.year + 1)
            except ValueError:  # 29 February
                return day.replace(year=source.year + 1, day=28)

        year = source.year + 1
        return {
            "year": year,
            "title": source.title.replace(str(source.year), str(year)),
            "slug": source.slug.replace(str(source.year), str(year)),
            "start_date": next_year(source.start_date),
            "end_date": next_year(source.end_date),
            "main_day": next_year(source.main_day),
        }
