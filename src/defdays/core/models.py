import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core import crypto
from defdays.core.sensitivity import Sensitivity


class DataKey(models.Model):
    """One person's data key, stored wrapped. Shredding it makes their restricted values unreadable for good."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kek_id = models.CharField(max_length=32)
    wrapped = models.BinaryField(null=True)
    created_at = models.DateTimeField(default=timezone.now)
    shredded_at = models.DateTimeField(null=True, blank=True)

    SENSITIVITY = {name: Sensitivity.NONE for name in ("id", "kek_id", "wrapped", "created_at", "shredded_at")}

    @classmethod
    def build(cls) -> "DataKey":
        """A new key in memory, not yet saved: for bulk_create, which saves thousands in one statement."""
        key = cls(id=uuid.uuid4())
        dek = crypto.new_data_key()
        key.kek_id, key.wrapped = crypto.wrap(dek, str(key.id))
        key._dek = dek
        return key

    @classmethod
    def create(cls) -> "DataKey":
        key = cls.build()
        key.save(force_insert=True)
        return key

    def dek(self) -> bytes:
        if self.shredded_at is not None or self.wrapped is None:
            raise crypto.DecryptionError("This data key has been destroyed.")
        if not hasattr(self, "_dek"):
            self._dek = crypto.unwrap(self.wrapped, self.kek_id, str(self.id))
        return self._dek

    def rewrap(self) -> bool:
        """Wrap again with the current KEK (rotation). Returns False when nothing needed doing."""
        if self.wrapped is None or self.kek_id == crypto.current_kek()[0]:
            return False
        self.kek_id, self.wrapped = crypto.wrap(self.dek(), str(self.id))
        self.save(update_fields=["kek_id", "wrapped"])
        return True

    def shred(self):
        self.wrapped = None
        self.shredded_at = timezone.now()
        self.__dict__.pop("_dek", None)
        self.save(update_fields=["wrapped", "shredded_at"])


class Generation(models.Model):
    """One row: the generation every cache entry of published or person-dependent output carries (core.generation).

    In the database, not in a cache, so that every process of every web node sees a change on its next request.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    value = models.BigIntegerField(default=0)
    # Fresh on every bump: a bump in a transaction that rolls back leaves its value free for the next bump, and
    # anything cached under the rolled-back one must not be taken for the next.
    salt = models.CharField(max_length=16, default="")

    SENSITIVITY = {"id": Sensitivity.NONE, "value": Sensitivity.NONE, "salt": Sensitivity.NONE}


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """Who did what to which record, when. No personal data in it: targets are type and id only."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # No database constraint: erasing or renaming a person must not rewrite the audit trail.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    actor_roles = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    edition = models.ForeignKey(
        "editions.Edition", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )
    detail = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "at": Sensitivity.STAFF,
        "actor": Sensitivity.STAFF,
        "actor_roles": Sensitivity.STAFF,
        "action": Sensitivity.STAFF,
        "target_type": Sensitivity.STAFF,
        "target_id": Sensitivity.STAFF,
        "edition": Sensitivity.NONE,
        "detail": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")


from defdays.core.capacity import Capacity, Seat  # noqa: E402,F401  (seats and waitlists; see capacity.py)
from defdays.core.outbox import OutgoingEmail  # noqa: E402,F401
from defdays.core.sessions import StoredSession  # noqa: E402,F401
