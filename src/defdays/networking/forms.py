"""Forms of the directory and meetings. They validate input only; the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.core.forms import VisibleTextField
from defdays.networking.models import SHORT_MAX, TEXT_MAX


def _text(label, help_text="", *, long=False):
    if long:
        return forms.CharField(
            label=label,
            max_length=TEXT_MAX,
            required=False,
            help_text=help_text,
            widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        )
    return VisibleTextField(
        label=label,
        max_length=SHORT_MAX,
        required=False,
        help_text=help_text,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


class ProfileForm(forms.Form):
    listed = forms.BooleanField(
        label=_("List me in the participants' directory"),
        required=False,
        help_text=_(
            "Off by default. When on, approved closed-part participants of this edition who list themselves too "
            "see your public name and what you write below, and can ask you for a meeting."
        ),
    )
    languages = _text(_("Languages you speak"))
    areas = _text(_("Areas of work"), _("For example: digital security, women's rights, media freedom."))
    about = _text(_("A few words about yourself"), long=True)
    country = _text(_("Country"), _("Optional. Leave it empty if it could identify you."))
    organisation = _text(_("Organisation"), _("Optional. Leave it empty if it could identify you."))


class RequestForm(forms.Form):
    slot = forms.TypedChoiceField(label=_("When"), coerce=int)
    point = forms.TypedChoiceField(label=_("Where"), coerce=int)
    note = forms.CharField(
        label=_("A short note"),
        required=False,
        max_length=TEXT_MAX,
        help_text=_("Optional. Only the person you write to reads it."),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def __init__(self, *args, slots=(), points=(), slot_label=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.pk, slot_label(slot)) for slot in slots]
        self.fields["point"].choices = [(point.pk, point.label) for point in points]


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("What happened"),
        max_length=TEXT_MAX,
        help_text=_("Only the safety team of this edition reads it. The person is not told."),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    block = forms.BooleanField(label=_("Also block this person"), required=False, initial=True)


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )


class PointForm(forms.Form):
    name = VisibleTextField(label=_("Table name"), max_length=100, required=False)
    room = forms.TypedChoiceField(label=_("or a room"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, rooms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [("", "—")] + [(room.pk, room.name) for room in rooms]
