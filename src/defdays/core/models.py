import uuid

from django.db import models
from django.utils import timezone

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


from defdays.core.sessions import StoredSession  # noqa: E402,F401
