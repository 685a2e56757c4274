from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.editions.forms import day_choices
from defdays.registration.models import ParticipationStatus, PhotoConsent


class ParticipationFields(forms.Form):
    """What a person tells us about their own participation, asked once when they redeem their invitation
    (invitations.forms.RedeemForm) and again whenever they change it (OwnRegistrationForm)."""

    days = forms.MultipleChoiceField(label=_("Days you will attend"), widget=forms.CheckboxSelectMultiple)
    photo_consent = forms.ChoiceField(
        label=_("Photos of you"), choices=PhotoConsent.choices, initial=PhotoConsent.NONE, widget=forms.RadioSelect
    )
    access_needs = forms.CharField(
        label=_("Access needs (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Anything that helps you take part. Stored encrypted; only organisers "
            "read it, and it is deleted after the conference."
        ),
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = day_choices(edition)


class OwnRegistrationForm(ParticipationFields):
    pass


class PipelineFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Part of a public name, or a whole email address."),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ParticipationStatus.choices]
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[
            ("", _("All roles")),
            ("defender", _("Defender")),
            ("stakeholder", _("Stakeholder")),
            ("speaker", _("Speaker / trainer")),
        ],
    )


class ApprovalSettingForm(forms.Form):
    approval_required = forms.BooleanField(label=_("Organisers approve each registration"), required=False)
