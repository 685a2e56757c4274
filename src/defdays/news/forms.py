from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core import uploads
from defdays.core.forms import VisibleTextField
from defdays.core.validators import validate_visible_text
from defdays.news.models import BODY_MAX, SUMMARY_MAX, TITLE_MAX
from defdays.news.services import PostFields, tag_slug

MAX_TAGS = 10
IMAGE_MAX_BYTES = 5 * 1024 * 1024


class PostForm(forms.Form):
    title = VisibleTextField(label=_("Title"), max_length=TITLE_MAX)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("The last part of the post's address. Leave empty to make it from the title."),
    )
    summary = VisibleTextField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences, shown in lists and feeds."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown. Pictures only from this site: upload them below the form, then paste their line."),
    )
    byline = VisibleTextField(
        label=_("Author"),
        max_length=100,
        required=False,
        help_text=_("A public name, or leave empty to show the organisation."),
    )
    tags = forms.CharField(label=_("Tags"), max_length=600, required=False, help_text=_("Separated by commas."))
    about_edition = forms.BooleanField(label=_("About this edition (listed on its home page)"), required=False)
    embargoed = forms.BooleanField(
        label=_("Hold until the award is announced"),
        required=False,
        help_text=_("For a post about the laureate: nobody outside the organisers sees it before the announcement."),
    )

    def clean_tags(self):
        names = []
        for raw in self.cleaned_data["tags"].split(","):
            name = " ".join(raw.split())
            if not name:
                continue
            validate_visible_text(name)
            if len(name) > 60:
                raise forms.ValidationError(_("A tag can be at most 60 characters long."))
            if not tag_slug(name):
                raise forms.ValidationError(
                    _("The tag “%(name)s” needs at least one letter or digit.") % {"name": name}
                )
            if tag_slug(name) not in {tag_slug(n) for n in names}:
                names.append(name)
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(_("At most %(n)d tags.") % {"n": MAX_TAGS})
        return tuple(names)

    def clean(self):
        data = super().clean()
        if data.get("embargoed") and not data.get("about_edition"):
            self.add_error("embargoed", _("Only a post about this edition can wait for its award announcement."))
        return data

    def fields_value(self) -> PostFields:
        d = self.cleaned_data
        return PostFields(
            title=d["title"],
            summary=d["summary"],
            body=d["body"],
            byline=d["byline"],
            slug=d["slug"],
            tag_names=d["tags"],
            about_edition=d["about_edition"],
            embargoed=d["embargoed"],
        )


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("In the edition's time zone."),
    )

    def __init__(self, *args, tz, **kwargs):
        self.tz = tz
        super().__init__(*args, **kwargs)

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        if timezone.is_naive(value):
            value = timezone.make_aware(value, self.tz)
        if value <= timezone.now():
            raise forms.ValidationError(_("That time has already passed. Publish now, or choose a later time."))
        return value


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Picture (JPEG or PNG)"))
    alt = VisibleTextField(label=_("Description for people who cannot see it"), max_length=200)

    def clean_image(self):
        return uploads.clean_upload(self.cleaned_data["image"], kinds=uploads.IMAGE_KINDS, max_bytes=IMAGE_MAX_BYTES)
