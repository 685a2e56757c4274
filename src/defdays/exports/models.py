"""A request to export, and what became of it. No exported value is stored: the file is made at the download."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from defdays.core.sensitivity import Sensitivity


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX (Excel, LibreOffice)"


class ExportRequest(models.Model):
    # The only thing in the URL: random, names no person, field or edition member.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    columns = models.JSONField(default=list)  # column keys (exports.registry), in the order asked for
    file_format = models.CharField(max_length=4, choices=ExportFormat.choices, default=ExportFormat.CSV)
    restricted = models.BooleanField(default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    # When the requester last proved their second factor for this request (restricted exports only).
    second_factor_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    refused_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "kind": Sensitivity.STAFF,
        "columns": Sensitivity.STAFF,
        "file_format": Sensitivity.NONE,
        "restricted": Sensitivity.STAFF,
        "requested_by": Sensitivity.STAFF,
        "requested_at": Sensitivity.STAFF,
        "second_factor_at": Sensitivity.STAFF,
        "approved_by": Sensitivity.STAFF,
        "approved_at": Sensitivity.STAFF,
        "refused_at": Sensitivity.STAFF,
        "downloaded_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"export {self.kind} #{self.pk}"
