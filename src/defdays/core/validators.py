"""What a name or an address typed or imported by someone may contain. One place, used by every form and the import.

Names: a bidi override (U+202E) makes "Ali" display as another string, zero-width and other invisible format
characters make two names that look the same compare different (or hide text a screen reader reads out). Staff
pick people by name, so a lookalike can take someone's place on a badge, a list or a visa letter. Category Cf
(format), Cc (controls, including line breaks), Co (private use), Cs (surrogates), Cn (unassigned) and the line
and paragraph separators are refused. ZWNJ and ZWJ stay allowed between two visible characters: Persian, Indic
scripts and emoji sequences need them.

Addresses: an IP literal (user@[127.0.0.1]) or a bare host name (user@localhost) sends our mail to a host of the
sender's choosing, the mail server's own network included; only domain names are accepted.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

REFUSED_CATEGORIES = {"Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp"}
JOINERS = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner


def invisible_characters(value: str) -> list[str]:
    """The refused characters in `value`, as U+XXXX codes, in order of appearance."""
    found = []
    for position, char in enumerate(value):
        if unicodedata.category(char) not in REFUSED_CATEGORIES:
            continue
        if (
            char in JOINERS
            and 0 < position < len(value) - 1
            and _visible(value[position - 1])
            and _visible(value[position + 1])
        ):
            continue
        found.append(f"U+{ord(char):04X}")
    return found


def _visible(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) not in REFUSED_CATEGORIES


def name_key(name: str) -> str:
    """What two names are compared by when staff must tell people apart: compatibility forms folded (a
    full-width or ligature letter equals the plain one), case and spacing ignored, invisible characters dropped."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join("".join(c for c in folded if unicodedata.category(c) not in REFUSED_CATEGORIES).split())


def validate_visible_text(value: str) -> None:
    found = invisible_characters(value)
    if found:
        raise ValidationError(
            _(
                "Remove the invisible or direction-changing characters (%(codes)s): they can make one name look "
                "like another."
            ),
            code="invisible",
            params={"codes": ", ".join(dict.fromkeys(found))},
        )


@deconstructible
class DomainEmailValidator(EmailValidator):
    """Django's email check without IP literals and without the 'localhost' exception."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allowlist", [])
        super().__init__(**kwargs)

    def validate_domain_part(self, domain_part):
        if domain_part.startswith("[") or domain_part.endswith("]"):
            return False
        return super().validate_domain_part(domain_part)


validate_email_address = DomainEmailValidator(message=_("Enter a valid email address with a domain name."))
