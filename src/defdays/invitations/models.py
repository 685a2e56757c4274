"""Invitations to the closed part. Who was invited is restricted: the name, email, key and note are encrypted.

Each invitation has its own data key until it is redeemed; redemption moves its restricted values under the new
person's key, so erasing that person shreds them too. The raw token is never stored: only its SHA-256.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.crypto import DecryptionError
from defdays.core.fields import Encrypted
from defdays.core.roles import RoleName
from defdays.core.sensitivity import Sensitivity

VALIDITY = timedelta(days=30)


class InvitationRole(models.TextChoices):
    DEFENDER = RoleName.DEFENDER.value, _("Defender")
    STAKEHOLDER = RoleName.STAKEHOLDER.value, _("Stakeholder")
    SPEAKER = RoleName.SPEAKER.value, _("Speaker / trainer")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Queued")  # created; the email (and its token) is made by the task worker
    SENT = "sent", _("Sent")
    REDEEMED = "redeemed", _("Redeemed")
    REVOKED = "revoked", _("Revoked")


# Shown and filtered like a status, but derived: a sent invitation whose link has run out.
EXPIRED = "expired"
FILTER_CHOICES = [*InvitationStatus.choices[:2], (EXPIRED, _("Expired")), *InvitationStatus.choices[2:]]


def default_expiry():
    return timezone.now() + VALIDITY


class InvitationQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(status=InvitationStatus.SENT, expires_at__lte=now or timezone.now())

    def with_display_status(self, status, now=None):
        now = now or timezone.now()
        if status == EXPIRED:
            return self.expired(now)
        if status == InvitationStatus.SENT:
            return self.filter(status=status, expires_at__gt=now)
        return self.filter(status=status)


class Invitation(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=20, choices=InvitationRole.choices)
    # Encrypted like the email: a copy of the database must not list who was invited, redeemed or not. Lists sort
    # by date, never by name.
    public_name_enc = models.BinaryField(null=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField(default=default_expiry)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    # Keyed blind index of the invitee's email: finds duplicates without the clear address.
    email_index = models.CharField(max_length=64, null=True, blank=True, db_index=True)  # noqa: DJ001 (NULL once shredded)
    email_enc = models.BinaryField(null=True)
    pgp_key_enc = models.BinaryField(null=True)
    note_enc = models.BinaryField(null=True)

    public_name = Encrypted("public_name_enc")
    email = Encrypted("email_enc")
    pgp_key = Encrypted("pgp_key_enc")
    note = Encrypted("note_enc")

    objects = InvitationQuerySet.as_manager()

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "edition": Sensitivity.STAFF,
        "role": Sensitivity.STAFF,
        "public_name_enc": Sensitivity.RESTRICTED,
        "language": Sensitivity.STAFF,
        "status": Sensitivity.STAFF,
        "token_hash": Sensitivity.NONE,
        "expires_at": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "created_by": Sensitivity.STAFF,
        "last_sent_at": Sensitivity.STAFF,
        "sent_count": Sensitivity.STAFF,
        "revoked_at": Sensitivity.STAFF,
        "used_at": Sensitivity.STAFF,
        "user": Sensitivity.STAFF,
        "email_index": Sensitivity.STAFF,
        "email_enc": Sensitivity.RESTRICTED,
        "pgp_key_enc": Sensitivity.RESTRICTED,
        "note_enc": Sensitivity.RESTRICTED,
    }

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One live invitation per address and edition; a revoked one does not block a new one.
            models.UniqueConstraint(
                fields=["edition", "email_index"],
                condition=Q(email_index__isnull=False) & ~Q(status="revoked"),
                name="one_live_invitation_per_email",
            ),
        ]

    def __str__(self):
        return f"invitation #{self.pk}"

    def display_status(self, now=None) -> str:
        if self.status == InvitationStatus.SENT and self.expires_at <= (now or timezone.now()):
            return EXPIRED
        return self.status

    def get_display_status(self):
        return dict(FILTER_CHOICES)[self.display_status()]

    @property
    def name_for_staff(self) -> str:
        """The invitee's name for a list; empty once erased or purged (the key is gone), never an error page."""
        try:
            return self.public_name or ""
        except DecryptionError:
            return ""

    @property
    def has_pgp_key(self) -> bool:
        return self.pgp_key_enc is not None


class ImportStatus(models.TextChoices):
    VALIDATING = "validating", _("Checking the rows")
    VALIDATED = "validated", _("Checked: waiting for your confirmation")
    IMPORTING = "importing", _("Writing the invitations")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportJob(models.Model):
    """One CSV upload. The file lives here (encrypted), not on a web node's disk, and is deleted when done.

    The report holds row numbers, field names and reason codes only: no value from the file.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=ImportStatus.choices, default=ImportStatus.VALIDATING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=list, blank=True)
    content_enc = models.BinaryField(null=True)
    # How often a worker started writing this import. More than one: a worker stopped mid-way (killed, out of
    # memory, a restart) and another ran it again; the page says so, since the organiser saw it stall.
    attempts = models.PositiveSmallIntegerField(default=0)

    content = Encrypted("content_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "created_by": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "updated_at": Sensitivity.STAFF,
        "status": Sensitivity.NONE,
        "total_rows": Sensitivity.NONE,
        "processed_rows": Sensitivity.NONE,
        "valid_rows": Sensitivity.NONE,
        "error_count": Sensitivity.NONE,
        "created_count": Sensitivity.NONE,
        "report": Sensitivity.NONE,
        "content_enc": Sensitivity.RESTRICTED,
        "attempts": Sensitivity.NONE,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"import #{self.pk}"

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.VALIDATING, ImportStatus.IMPORTING)

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
