"""Badges, the check-in desk and training certificates.

A badge carries a random code, never an id or a name: whoever photographs a badge learns nothing they can look
up, and a code cannot be guessed from another one. The database keeps only an HMAC of the code for the desk's
lookup and the code itself sealed with the participant's key, so a reprint shows the same code and erasure
shreds it with everything else.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core import crypto
from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity


class Badge(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participation = models.OneToOneField("registration.Participation", on_delete=models.CASCADE, related_name="+")
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    code_digest = models.CharField(max_length=64, unique=True)
    code_enc = models.BinaryField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    code = Encrypted("code_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "participation": Sensitivity.STAFF,
        "data_key": Sensitivity.NONE,
        "edition": Sensitivity.STAFF,
        "code_digest": Sensitivity.STAFF,
        "code_enc": Sensitivity.RESTRICTED,
        "created_at": Sensitivity.STAFF,
    }

    def __str__(self):
        return f"badge #{self.pk}"


class DayCheckIn(models.Model):
    """One per person and conference day: a second scan that day finds this row and says so."""

    participation = models.ForeignKey("registration.Participation", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    SENSITIVITY = {name: Sensitivity.STAFF for name in ("participation", "day", "at", "by")} | {"id": Sensitivity.NONE}

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participation", "day"], name="one_check_in_per_day")]

    def __str__(self):
        return f"check-in #{self.pk}"


class TrainingCheckIn(models.Model):
    """A seat holder present at a training; what a certificate is issued from."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participation = models.ForeignKey("registration.Participation", on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey("programme.Session", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    SENSITIVITY = {name: Sensitivity.STAFF for name in ("participation", "session", "at", "by")} | {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participation", "session"], name="one_check_in_per_training")]

    def __str__(self):
        return f"training check-in #{self.pk}"


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Preparing the badge codes")
    RENDERING = "rendering", _("Laying out the PDF")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BatchLayout(models.TextChoices):
    A6 = "a6", _("A6, one badge per page")
    A4 = "a4", _("A4 sheets, eight badges each")


class BadgeBatch(models.Model):
    """One print run. The PDF names people, so it is sealed under its own key and deleted with the edition's
    registrations by the retention purge."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    layout = models.CharField(max_length=4, choices=BatchLayout.choices, default=BatchLayout.A6)
    status = models.CharField(max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    left_out = models.PositiveIntegerField(default=0)
    pdf_enc = models.BinaryField(null=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "created_by": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "layout": Sensitivity.NONE,
        "status": Sensitivity.NONE,
        "total": Sensitivity.NONE,
        "done": Sensitivity.NONE,
        "left_out": Sensitivity.NONE,
        "pdf_enc": Sensitivity.RESTRICTED,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"badge batch #{self.pk}"

    @property
    def running(self) -> bool:
        return self.status in (BatchStatus.QUEUED, BatchStatus.RUNNING, BatchStatus.RENDERING)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if self.status == BatchStatus.DONE else 0)

    def seal_pdf(self, data: bytes) -> None:
        self.pdf_enc = crypto.seal_bytes(self.data_key.dek(), data, f"badges.badgebatch.pdf:{self.uid}")

    def open_pdf(self) -> bytes | None:
        if self.pdf_enc is None:
            return None
        return crypto.open_bytes(self.data_key.dek(), bytes(self.pdf_enc), f"badges.badgebatch.pdf:{self.uid}")
