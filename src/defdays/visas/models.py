"""Visa invitation letters: what a participant enters for the embassy (only after asking for a letter), the issued
PDF sealed under the participant's key, and the single-use link through which it reaches them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity
from defdays.core.uploads import EncryptedFile


class LetterStatus(models.TextChoices):
    ASKED = "asked", _("Asked, details not yet given")
    READY = "ready", _("Details given, waiting for the letter")
    ISSUED = "issued", _("Letter issued")


class LetterRequest(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The person's own key: erasure shreds it, and with it every passport detail and letter.
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=LetterStatus.choices, default=LetterStatus.ASKED)
    # Random, printed on the letter and carried by the verification token; says nothing about the holder.
    reference = models.CharField(max_length=20, unique=True)
    passport_name_enc = models.BinaryField(null=True)
    passport_number_enc = models.BinaryField(null=True)
    nationality_enc = models.BinaryField(null=True)
    birth_date_enc = models.BinaryField(null=True)
    stay_from_enc = models.BinaryField(null=True)
    stay_to_enc = models.BinaryField(null=True)
    embassy_enc = models.BinaryField(null=True)
    asked_at = models.DateTimeField(default=timezone.now)
    details_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)

    passport_name = Encrypted("passport_name_enc")
    passport_number = Encrypted("passport_number_enc")
    nationality = Encrypted("nationality_enc")
    birth_date = Encrypted("birth_date_enc")  # ISO date
    stay_from = Encrypted("stay_from_enc")  # ISO date
    stay_to = Encrypted("stay_to_enc")  # ISO date
    embassy = Encrypted("embassy_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "user": Sensitivity.STAFF,
        "edition": Sensitivity.STAFF,
        "status": Sensitivity.STAFF,
        "reference": Sensitivity.STAFF,
        "passport_name_enc": Sensitivity.RESTRICTED,
        "passport_number_enc": Sensitivity.RESTRICTED,
        "nationality_enc": Sensitivity.RESTRICTED,
        "birth_date_enc": Sensitivity.RESTRICTED,
        "stay_from_enc": Sensitivity.RESTRICTED,
        "stay_to_enc": Sensitivity.RESTRICTED,
        "embassy_enc": Sensitivity.RESTRICTED,
        "asked_at": Sensitivity.STAFF,
        "details_at": Sensitivity.STAFF,
        "issued_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["asked_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="one_visa_letter_per_edition")]

    def __str__(self):
        return f"visa letter {self.reference}"


class Letter(EncryptedFile):
    """The issued PDF, sealed under the holder's key, and its one download link (only a hash of the token kept:
    a copy of the database cannot be turned into a working link)."""

    request = models.ForeignKey(LetterRequest, on_delete=models.CASCADE, related_name="letters")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_hash = models.CharField(max_length=64, unique=True)
    link_expires_at = models.DateTimeField()
    downloaded_at = models.DateTimeField(null=True, blank=True)

    SENSITIVITY = {
        **EncryptedFile.SENSITIVITY,
        "request": Sensitivity.STAFF,
        "issued_by": Sensitivity.STAFF,
        "link_hash": Sensitivity.STAFF,
        "link_expires_at": Sensitivity.STAFF,
        "downloaded_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"letter #{self.pk}"
