"""What the visa app holds about a person: their letter requests (passport details) and the issued PDFs, all
under their own key. Retention class "travel": the purge destroys them soon after the edition."""

from defdays.core.crypto import DecryptionError
from defdays.visas import services
from defdays.visas.models import LetterRequest

CATEGORY = "travel"
FIELDS = ("passport_name", "passport_number", "nationality", "birth_date", "stay_from", "stay_to", "embassy")


def _open(letter, name):
    try:
        return getattr(letter, name)
    except DecryptionError:
        return None


def export_for(user) -> dict:
    return {
        "visa_letters": [
            {
                "edition": letter.edition.year,
                "reference": letter.reference,
                "status": letter.status,
                "asked_at": letter.asked_at.isoformat(),
                "issued_at": letter.issued_at.isoformat() if letter.issued_at else None,
                **{name: _open(letter, name) for name in FIELDS},
            }
            for letter in LetterRequest.objects.filter(user=user).select_related("edition", "data_key")
        ]
    }


def erase_for(user) -> None:
    services.erase_letters(LetterRequest.objects.filter(user=user))


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    letters = LetterRequest.objects.filter(edition=edition)
    if dry_run:
        return {"visa letters": letters.count()}
    return {"visa letters": services.erase_letters(letters)}
