from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.core.forms import EmailAddressField, VisibleTextField
from defdays.core.markdown import MAX_SOURCE_CHARS


class ReportForm(forms.Form):
    title = VisibleTextField(label=_("Title"), max_length=200)
    country = VisibleTextField(label=_("Country"), max_length=100)
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_SOURCE_CHARS,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Markdown: “## Heading” for a section (the table of contents lists them), “[^1]” in the text and "
            "“[^1]: source” below for a footnote, [text](https://example.org) for a link to a source."
        ),
    )
    base_number = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Review comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class AuthorForm(forms.Form):
    email = EmailAddressField(label=_("Email address of the account"))
    pseudonym = VisibleTextField(
        label=_("Listed as (pseudonym)"),
        max_length=120,
        required=False,
        help_text=_("Leave empty to list this author as “Civil Rights Defenders”."),
    )


class ApproveForm(forms.Form):
    number = forms.TypedChoiceField(label=_("Version to publish"), coerce=int)

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].choices = [(n, _("Version %(n)s") % {"n": n}) for n in numbers]
