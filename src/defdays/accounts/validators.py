from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_PASSWORD_LENGTH = 1024
# Shown under every new-password field before the first attempt, so nobody learns the rules by failing them.
# It says what AUTH_PASSWORD_VALIDATORS check; tests/accounts check that a password breaking each rule is refused.
PASSWORD_RULES = gettext_lazy(
    "At least 12 characters. Not mostly your public name, not a commonly used password, not only digits. A few "
    "unrelated words make a good password."
)


class MaximumLengthValidator:
    """Over-long passwords cost hashing time and add no safety: refused before hashing."""

    def validate(self, password, user=None):
        if len(password) > MAX_PASSWORD_LENGTH:
            raise ValidationError(_("Use at most %(n)d characters.") % {"n": MAX_PASSWORD_LENGTH}, code="too_long")

    def get_help_text(self):
        return _("At most %(n)d characters.") % {"n": MAX_PASSWORD_LENGTH}
