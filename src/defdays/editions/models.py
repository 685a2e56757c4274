import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from defdays.core.multilingual import TranslationsField, text_for
from defdays.core.sensitivity import Sensitivity

# The public texts organisers can write per language (core.multilingual).
TRANSLATED_FIELDS = (
    "title",
    "main_day_note",
    "description",
    "aims",
    "closed_part_info",
    "open_session_info",
    "invitation_info",
)


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone."))


class Edition(models.Model):
    """One year's conference. Exactly one edition is current; `/` shows it."""

    year = models.PositiveIntegerField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(unique=True)
    status = models.CharField(max_length=12, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    is_current = models.BooleanField(default=False)

    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    main_day = models.DateField(_("main conference day"))
    main_day_note = models.TextField(_("why this day"), blank=True)
    city = models.CharField(_("city"), max_length=100)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(max_length=64, default="Europe/Stockholm", validators=[validate_time_zone])

    organiser_name = models.CharField(_("organised by"), max_length=200)
    description = models.TextField(_("what it is"))
    aims = models.TextField(_("aims"), help_text=_("One aim per line."))
    closed_part_info = models.TextField(_("the closed part"))
    open_session_info = models.TextField(_("the open session"))
    invitation_info = models.TextField(_("how invitation works"))

    # The contact person is named on the public site on purpose: a public role, not a participant.
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact address"))
    # Russian, Arabic, Swedish versions of the public texts; English (the fields above) is the fallback.
    translations = TranslationsField(fields=TRANSLATED_FIELDS)

    SENSITIVITY = {
        **{
            name: Sensitivity.NONE
            for name in (
                "id",
                "year",
                "title",
                "slug",
                "status",
                "is_current",
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
            )
        },
        "contact_name": Sensitivity.PUBLIC,
        "contact_email": Sensitivity.PUBLIC,
        "translations": Sensitivity.NONE,
    }

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_edition"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="edition_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_public(self):
        return self.status != EditionStatus.DRAFT

    def aims_list(self):
        """The aims in the viewer's language (English when they are not translated), one per line."""
        return [line.strip() for line in text_for(self, "aims").text.splitlines() if line.strip()]

    def days(self):
        from datetime import timedelta

        return [self.start_date + timedelta(days=n) for n in range((self.end_date - self.start_date).days + 1)]

    def clean(self):
        if self.start_date and self.end_date and self.main_day:
            if not (self.start_date <= self.main_day <= self.end_date):
                raise ValidationError({"main_day": _("The main day must fall within the edition.")})
