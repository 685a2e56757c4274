from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PASSWORD_LENGTH = 1024


class MaximumLengthValidator:
    """Over-long passwords cost hashing time and add no safety: refused before hashing."""

    def validate(self, password, user=None):
        if len(password) > MAX_PASSWORD_LENGTH:
            raise ValidationError(_("Use at most %(n)d characters.") % {"n": MAX_PASSWORD_LENGTH}, code="too_long")

    def get_help_text(self):
        return _("At most %(n)d characters.") % {"n": MAX_PASSWORD_LENGTH}
