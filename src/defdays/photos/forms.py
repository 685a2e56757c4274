from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.core.forms import VisibleTextField


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.public_name


class PhotoForm(forms.Form):
    alt_text = VisibleTextField(
        label=_("Description for people who cannot see the photo"),
        help_text=_("What the photo shows, without naming anyone who is in it."),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    people = PeopleField(
        label=_("People in the photo"),
        help_text=_("Everyone who can be recognised. Their photo consent decides who may see the photo."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people


class UploadForm(PhotoForm):
    image = forms.FileField(label=_("Photo (JPEG or PNG)"))
