"""Closed-part registration: one Participation per person and edition, and the edition's registration settings.

Pipeline: invited -> registered -> approved (or declined) -> checked in; withdrawn at any time by the participant.
When an edition does not require approval, a registration is approved at once.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity


class ParticipationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    REGISTERED = "registered", _("Registered")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CHECKED_IN = "checked_in", _("Checked in")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PhotoConsent(models.TextChoices):
    NONE = "none", _("No photos of me")
    INTERNAL = "internal", _("Photos for internal use only")
    PUBLIC = "public", _("Photos may be published")


class RegistrationSettings(models.Model):
    """Per-edition registration rules (kept here so the editions app stays free of registration concerns)."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="+")
    approval_required = models.BooleanField(
        _("organisers approve each registration"),
        default=False,
        help_text=_("When on, a new registration waits for an organiser's approval."),
    )
    code_of_conduct_version = models.CharField(_("code of conduct version"), max_length=20, default="1")
    photo_policy_version = models.CharField(_("photo and recording policy version"), max_length=20, default="1")

    SENSITIVITY = {
        name: Sensitivity.NONE
        for name in ("id", "edition", "approval_required", "code_of_conduct_version", "photo_policy_version")
    }

    def __str__(self):
        return f"registration settings ({self.edition_id})"

    @classmethod
    def for_edition(cls, edition) -> "RegistrationSettings":
        found = cls.objects.filter(edition=edition).first()
        return found or cls(edition=edition)


class Participation(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The participant's own key: erasing the person shreds their access needs with everything else.
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(max_length=20)  # RoleName value: defender, stakeholder or speaker
    status = models.CharField(max_length=12, choices=ParticipationStatus.choices, default=ParticipationStatus.INVITED)
    days = models.JSONField(default=list, blank=True)  # ISO dates of the edition's days the person attends
    code_of_conduct_version = models.CharField(max_length=20, blank=True)
    code_of_conduct_accepted_at = models.DateTimeField(null=True, blank=True)
    photo_policy_version = models.CharField(max_length=20, blank=True)
    photo_policy_accepted_at = models.DateTimeField(null=True, blank=True)
    photo_consent = models.CharField(max_length=10, choices=PhotoConsent.choices, default=PhotoConsent.NONE)
    access_needs_enc = models.BinaryField(null=True)
    created_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    access_needs = Encrypted("access_needs_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "user": Sensitivity.STAFF,
        "edition": Sensitivity.STAFF,
        "role": Sensitivity.STAFF,
        "status": Sensitivity.STAFF,
        "days": Sensitivity.STAFF,
        "code_of_conduct_version": Sensitivity.STAFF,
        "code_of_conduct_accepted_at": Sensitivity.STAFF,
        "photo_policy_version": Sensitivity.STAFF,
        "photo_policy_accepted_at": Sensitivity.STAFF,
        "photo_consent": Sensitivity.STAFF,
        "access_needs_enc": Sensitivity.RESTRICTED,
        "created_at": Sensitivity.STAFF,
        "status_changed_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["edition", "status", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="one_participation_per_edition")]

    def __str__(self):
        return f"participation #{self.pk}"

    @property
    def role_label(self) -> str:
        from defdays.core.roles import RoleName

        return RoleName(self.role).label if self.role in RoleName.values else self.role

    @property
    def is_active(self) -> bool:
        return self.status not in (ParticipationStatus.WITHDRAWN, ParticipationStatus.DECLINED)


class RetainedCount(models.Model):
    """What the retention purge leaves of an edition's registrations: how many people held each role and status.

    The participations themselves are deleted (registration.personal_data.purge_edition); a number is all the
    organisers' page and reports need afterwards, and it names nobody.
    """

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20)
    status = models.CharField(max_length=12, choices=ParticipationStatus.choices)
    number = models.PositiveIntegerField(default=0)

    SENSITIVITY = {name: Sensitivity.NONE for name in ("id", "edition", "role", "status", "number")}

    class Meta:
        ordering = ["role", "status"]
        constraints = [models.UniqueConstraint(fields=["edition", "role", "status"], name="one_count_per_kind")]

    def __str__(self):
        return f"{self.role} {self.status}: {self.number}"

    @property
    def role_label(self) -> str:
        from defdays.core.roles import RoleName

        return RoleName(self.role).label if self.role in RoleName.values else self.role
