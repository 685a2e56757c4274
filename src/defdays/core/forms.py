"""Form fields for what people type about themselves and others; the rules live in core.validators."""

from django import forms

from defdays.core.validators import validate_email_address, validate_visible_text


class EmailAddressField(forms.EmailField):
    """Every email address entered anywhere: a domain name, never an IP literal."""

    default_validators = [validate_email_address]


class VisibleTextField(forms.CharField):
    """Public names and other short texts shown to people: no invisible or direction-changing characters."""

    default_validators = [validate_visible_text]
