"""Writes of the visa letters: asking, giving the embassy's details, issuing, downloading. Each in one transaction,
audited there; the audit detail names the letter's reference, never a passport detail."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.audit import services as audit
from defdays.audit.services import Action
from defdays.core import crypto
from defdays.core.links import absolute_url
from defdays.core.uploads import PDF, CleanFile
from defdays.mail.services import send_templated
from defdays.visas.models import Letter, LetterRequest, LetterStatus

VERIFY_PURPOSE = "visas.verify"
# Reference letters without look-alikes (no 0/O, 1/I/L): read from paper to a phone by an embassy clerk.
_REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_PASSPORT_NUMBER = re.compile(r"^[A-Z0-9]{5,20}$")
LETTER_READY_SUBJECT = _("A document is ready for you")


class VisaError(ValueError):
    """A step the letter's state does not allow (the message is for the person who tried)."""


@dataclass(frozen=True)
class Details:
    passport_name: str
    passport_number: str
    nationality: str
    birth_date: date
    stay_from: date
    stay_to: date
    embassy: str


@dataclass(frozen=True)
class Verification:
    reference: str
    issued_on: date
    initials: str


def normalise_passport_number(value: str) -> str:
    """The number as printed in the passport's machine-readable zone: upper case, no spaces or dashes. Raises
    VisaError for anything else, so one rule serves the form and the service."""
    number = re.sub(r"[\s\-]", "", value or "").upper()
    if not _PASSPORT_NUMBER.match(number):
        raise VisaError(_("A passport number has 5 to 20 letters and digits."))
    return number


def check_details(details: Details, *, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if details.birth_date > today:
        raise VisaError(_("The date of birth cannot be in the future."))
    if details.stay_to < details.stay_from:
        raise VisaError(_("The last day of the stay cannot be before the first."))
    if not details.passport_name.strip() or not details.nationality.strip() or not details.embassy.strip():
        raise VisaError(_("Every field is needed for the letter."))


def initials_of(name: str) -> str:
    return " ".join(part[0].upper() + "." for part in name.split() if part[0].isalpha())


def _new_reference(edition) -> str:
    while True:
        ref = f"DD{edition.year}-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
        if not LetterRequest.objects.filter(reference=ref).exists():
            return ref


def letter_ask(*, user, edition) -> LetterRequest:
    """The participant asks; nothing about their passport is collected until they have asked."""
    with transaction.atomic():
        found = LetterRequest.objects.select_for_update().filter(user=user, edition=edition).first()
        if found is not None:
            return found
        letter = LetterRequest.objects.create(
            user=user, edition=edition, data_key=user.data_key, reference=_new_reference(edition)
        )
        audit.record(Action.VISA_LETTER_ASKED, actor=user, target=letter, edition=edition)
    return letter


def letter_details_save(*, letter: LetterRequest, user, details: Details) -> LetterRequest:
    check_details(details)
    number = normalise_passport_number(details.passport_number)
    with transaction.atomic():
        locked = LetterRequest.objects.select_for_update().select_related("data_key").get(pk=letter.pk, user=user)
        if locked.status == LetterStatus.ISSUED:
            raise VisaError(_("The letter is already issued; ask the travel team to change it."))
        locked.passport_name = details.passport_name.strip()
        locked.passport_number = number
        locked.nationality = details.nationality.strip()
        locked.birth_date = details.birth_date.isoformat()
        locked.stay_from = details.stay_from.isoformat()
        locked.stay_to = details.stay_to.isoformat()
        locked.embassy = details.embassy.strip()
        locked.status, locked.details_at = LetterStatus.READY, timezone.now()
        locked.save()
        audit.record(Action.VISA_DETAILS_GIVEN, actor=user, target=locked, edition=locked.edition)
    return locked


def verification_token(letter: LetterRequest) -> str:
    """The /verify/ token printed as a QR code: the reference, the issue date and the initials, sealed (not merely
    signed), so the URL in a photo of the letter or in an embassy's proxy logs names neither the holder's initials
    nor the reference; only this site can open it and show them."""
    issued_on = timezone.localtime(letter.issued_at, letter.edition.tz).date()
    payload = "|".join([letter.reference, issued_on.strftime("%Y%m%d"), initials_of(letter.passport_name or "")])
    return crypto.seal_token(payload.encode(), purpose=VERIFY_PURPOSE)


def read_verification(token: str) -> Verification | None:
    """None for a forged, damaged, expired or other-purpose token."""
    max_age = timedelta(days=int(settings.DEFDAYS_VISA_VERIFY_DAYS))
    payload = crypto.open_token(token, purpose=VERIFY_PURPOSE, max_age=max_age)
    if payload is None:
        return None
    try:
        reference, issued_on, initials = payload.decode().split("|")
        return Verification(
            reference=reference, issued_on=datetime.strptime(issued_on, "%Y%m%d").date(), initials=initials
        )
    except ValueError:  # also UnicodeDecodeError; only a token sealed by this code opens, so this is a bug guard
        return None


def _link_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def letter_issue(*, letter: LetterRequest, actor, request=None) -> Letter:
    """Build the PDF, seal it under the holder's key and send them a single-use link (the email names nothing)."""
    from defdays.visas import pdf  # WeasyPrint loads only when a letter is built

    with transaction.atomic():
        locked = (
            LetterRequest.objects.select_for_update().select_related("data_key", "edition", "user").get(pk=letter.pk)
        )
        if locked.status == LetterStatus.ASKED:
            raise VisaError(_("The participant has not given the details for the letter yet."))
        locked.issued_at = timezone.now()
        verify_url = absolute_url(reverse("visas:verify", kwargs={"token": verification_token(locked)}), request)
        data = pdf.build_letter(locked, verify_url=verify_url)
        token = secrets.token_urlsafe(32)
        stored = Letter(
            request=locked,
            data_key=locked.data_key,
            issued_by=actor,
            link_hash=_link_hash(token),
            link_expires_at=locked.issued_at + timedelta(days=int(settings.DEFDAYS_VISA_LINK_DAYS)),
        )
        stored.seal(CleanFile(kind=PDF, data=data, name=f"visa-letter-{locked.reference}.pdf"))
        stored.save()
        # A letter issued again replaces the earlier one's link: only the newest can be downloaded.
        Letter.objects.filter(request=locked).exclude(pk=stored.pk).update(link_expires_at=locked.issued_at)
        locked.status = LetterStatus.ISSUED
        locked.save(update_fields=["status", "issued_at"])
        audit.record(Action.VISA_LETTER_ISSUED, actor=actor, target=locked, edition=locked.edition)
        user = locked.user
        if user.is_active:
            send_templated(
                user.email,
                LETTER_READY_SUBJECT,
                "visas/email/letter_ready",
                {
                    "link": absolute_url(reverse("visas:download", kwargs={"token": token}), request),
                    "days": int(settings.DEFDAYS_VISA_LINK_DAYS),
                },
                language=user.language,
            )
    stored.link_token = token  # for the caller (demo, tests); never stored
    return stored


def _claimable(token: str, user, *, lock: bool = True):
    found = Letter.objects.select_related("data_key", "request__edition").filter(
        link_hash=_link_hash(token), request__user=user, downloaded_at__isnull=True
    )
    return found.select_for_update() if lock else found


def _race_window():
    """Test hook: a concurrency test widens the gap between finding the unused link and marking it used here."""


def letter_download(*, token: str, user) -> Letter | None:
    """The letter behind a link, once: the first download marks it used under a row lock, so two requests racing
    with the same link cannot both receive the file. None (the view answers 404) when the link is unknown,
    another person's, used or expired."""
    with transaction.atomic():
        stored = _claimable(token, user).first()
        if stored is None or stored.link_expires_at <= timezone.now():
            return None
        _race_window()
        stored.downloaded_at = timezone.now()
        stored.save(update_fields=["downloaded_at"])
        audit.record(Action.VISA_LETTER_DOWNLOADED, actor=user, target=stored.request, edition=stored.request.edition)
    return stored


def erase_letters(queryset) -> int:
    """Delete letter requests and their PDFs (ciphertext under a key erasure shreds anyway)."""
    ids = list(queryset.values_list("pk", flat=True))
    with transaction.atomic():
        audit.forget_targets(LetterRequest, ids)
        Letter.objects.filter(request_id__in=ids).delete()
        LetterRequest.objects.filter(pk__in=ids).delete()
    return len(ids)


def letter_details_read(*, letter: LetterRequest, actor) -> None:
    """A passport page read by staff is a read of restricted data: logged with who and which letter."""
    audit.record(Action.RESTRICTED_READ, actor=actor, target=letter, edition=letter.edition, what="visa_letter")
