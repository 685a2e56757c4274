"""The code of conduct (a versioned text per edition) and incident reports (sealed, for the safety team alone).

A report is sealed under its own data key: the retention purge and the person's erasure shred that key, and the
text is gone from every backup copy of the row at once. An anonymous report keeps nothing that points back at the
reporter: no account, no address, no user agent; only the hash of the receipt code shown to them once.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity


class CodeOfConduct(models.Model):
    """One published version of an edition's code of conduct; a new version is a new row, never an edit."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    text = models.TextField()  # Markdown, rendered by core.markdown
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "version": Sensitivity.NONE,
        "text": Sensitivity.PUBLIC,
        "published_at": Sensitivity.NONE,
        "published_by": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["edition", "-version"]
        constraints = [models.UniqueConstraint(fields=["edition", "version"], name="one_code_of_conduct_version")]

    def __str__(self):
        return f"code of conduct v{self.version}"


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class IncidentReport(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    # Null for an anonymous report. Signed: the reporter sees it on /me/ and it leaves with their erasure.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set by the safety team (or by a "report this person" link): shown next to that person's hidden state.
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body_enc = models.BinaryField()
    status = models.CharField(max_length=12, choices=ReportStatus.choices, default=ReportStatus.NEW)
    # sha256 of the anonymous reporter's receipt code; the code itself is shown once and never stored.
    receipt_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    body = Encrypted("body_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "reporter": Sensitivity.RESTRICTED,
        "about": Sensitivity.RESTRICTED,
        "body_enc": Sensitivity.RESTRICTED,
        "status": Sensitivity.STAFF,
        "receipt_hash": Sensitivity.NONE,
        "created_at": Sensitivity.STAFF,
        "status_changed_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"incident report #{self.pk}"

    @property
    def is_anonymous(self) -> bool:
        return self.reporter_id is None


class ReportNote(models.Model):
    """The safety team's internal note on a report, sealed under the report's key (it goes with the report)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(IncidentReport, on_delete=models.CASCADE, related_name="notes")
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body_enc = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    body = Encrypted("body_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "report": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "author": Sensitivity.STAFF,
        "body_enc": Sensitivity.RESTRICTED,
        "created_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"note #{self.pk}"
