from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.editions.forms import day_choices
from defdays.registration.models import ParticipationStatus, PhotoConsent


class OwnRegistrationForm(forms.Form):
    days = forms.MultipleChoiceField(label=_("Days you will attend"), widget=forms.CheckboxSelectMultiple)
    photo_consent = forms.ChoiceField(label=_("Photos of you"), choices=PhotoConsent.choices,
                                      widget=forms.RadioSelect)
    access_needs = forms.CharField(label=_("Access needs (optional)"), required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=_("Stored encrypted; only organisers read it."))

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = day_choices(edition)


class PipelineFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *ParticipationStatus.choices])
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[
        ("", _("All roles")), ("defender", _("Defender")), ("stakeholder", _("Stakeholder")),
        ("speaker", _("Speaker / trainer"))])


class ApprovalSettingForm(forms.Form):
    approval_required = forms.BooleanField(label=_("Organisers approve each registration"), required=False)
