from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.sensitivity import Sensitivity


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
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_roles = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    target_type = models.CharField(max_length=64, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    edition = models.ForeignKey(
        "editions.Edition",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
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
        # The table keeps the name it had in core: existing databases, and the PostgreSQL trigger that keeps it
        # append-only (core migrations 0002 and 0006), name it.
        db_table = "core_auditevent"
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")
