import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity
from defdays.core.uploads import EncryptedFile

DEFAULT_CRITERIA = ["Courage", "Impact", "Risk"]
SCORE_MIN, SCORE_MAX = 1, 5


def default_criteria():
    return list(DEFAULT_CRITERIA)


class AwardCycle(models.Model):
    """One edition's Civil Rights Defender of the Year Award: its phases and its announcement.

    `announced_at` is the embargo (see `award/embargo.py`): until it is set, nothing outside the organisers and
    the jury may name or hint at the laureate or the shortlist.
    """

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="award_cycle")
    # When the worker announces by itself (default: the start of the ceremony session).
    announce_at = models.DateTimeField(_("announcement time"), null=True, blank=True)
    # When it was announced, by the worker or by hand. Set once; the announcement cannot be taken back.
    announced_at = models.DateTimeField(null=True, blank=True)
    nominations_open = models.BooleanField(_("nominations open"), default=False)
    deadline = models.DateTimeField(_("nomination deadline"), null=True, blank=True)
    public_form = models.BooleanField(_("public nomination form"), default=False)
    criteria = models.JSONField(_("scoring criteria"), default=default_criteria)
    # The decision: who, and the jury's votes. Staff only until the announcement names the laureate.
    laureate = models.ForeignKey("award.Nomination", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    votes_abstained = models.PositiveSmallIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "announce_at": Sensitivity.STAFF,
        "announced_at": Sensitivity.PUBLIC,
        "nominations_open": Sensitivity.PUBLIC,
        "deadline": Sensitivity.PUBLIC,
        "public_form": Sensitivity.PUBLIC,
        "criteria": Sensitivity.STAFF,
        "laureate": Sensitivity.STAFF,
        "votes_for": Sensitivity.STAFF,
        "votes_against": Sensitivity.STAFF,
        "votes_abstained": Sensitivity.STAFF,
        "decided_at": Sensitivity.STAFF,
    }

    def __str__(self) -> str:
        return f"Award {self.edition_id}"

    def accepting(self, now=None) -> bool:
        """Nominations are taken: the period is open and its deadline has not passed."""
        now = now or timezone.now()
        return self.nominations_open and (self.deadline is None or now < self.deadline)


class Source(models.TextChoices):
    INVITED = "invited", _("Invited nominator")
    PUBLIC = "public", _("Public form")
    STAFF = "staff", _("Entered by the organisers")


class Nomination(models.Model):
    """One nominee. Everything that names or describes them is sealed with the nomination's own data key: the
    retention purge shreds a non-winner's key (the nomination is gone for good, from backups too), and the
    database never holds a nominee's name in clear, not even the laureate's before the announcement."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="nominations")
    source = models.CharField(max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(default=timezone.now)
    shortlisted = models.BooleanField(default=False)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominee_name_enc = models.BinaryField(null=True)
    country_enc = models.BinaryField(null=True)
    field_of_work_enc = models.BinaryField(null=True)
    why_enc = models.BinaryField(null=True)
    risks_enc = models.BinaryField(null=True)
    nominator_contact_enc = models.BinaryField(null=True)
    # What the laureate agreed to publish: a short biography and, only with their consent, a photo.
    biography_enc = models.BinaryField(null=True)
    photo_consent = models.BooleanField(default=False)

    nominee_name = Encrypted("nominee_name_enc")
    country = Encrypted("country_enc")
    field_of_work = Encrypted("field_of_work_enc")
    why = Encrypted("why_enc")
    risks = Encrypted("risks_enc")
    nominator_contact = Encrypted("nominator_contact_enc")
    biography = Encrypted("biography_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "cycle": Sensitivity.STAFF,
        "source": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "shortlisted": Sensitivity.STAFF,
        "nominated_by": Sensitivity.RESTRICTED,
        "nominee_name_enc": Sensitivity.RESTRICTED,
        "country_enc": Sensitivity.RESTRICTED,
        "field_of_work_enc": Sensitivity.RESTRICTED,
        "why_enc": Sensitivity.RESTRICTED,
        "risks_enc": Sensitivity.RESTRICTED,
        "nominator_contact_enc": Sensitivity.RESTRICTED,
        "biography_enc": Sensitivity.RESTRICTED,
        "photo_consent": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"nomination #{self.pk}"


class FilePurpose(models.TextChoices):
    EVIDENCE = "evidence", _("Supporting file")
    PHOTO = "photo", _("Laureate's photo")


class NominationFile(EncryptedFile):
    """A supporting file (or the laureate's photo), sealed with the nomination's key."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    purpose = models.CharField(max_length=10, choices=FilePurpose.choices, default=FilePurpose.EVIDENCE)

    SENSITIVITY = {**EncryptedFile.SENSITIVITY, "nomination": Sensitivity.STAFF, "purpose": Sensitivity.STAFF}

    class Meta:
        ordering = ["created_at", "id"]


class NominatorLink(models.Model):
    """A single-use nomination link. The token is made by the invitations app's token mechanism: only its SHA-256
    is stored, the raw token is shown once to the organiser who hands it on."""

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="nominator_links")
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "cycle": Sensitivity.STAFF,
        "token_hash": Sensitivity.NONE,
        "created_at": Sensitivity.STAFF,
        "expires_at": Sensitivity.STAFF,
        "used_at": Sensitivity.STAFF,
        "created_by": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-created_at", "-id"]


class Conflict(models.Model):
    """A juror's declared conflict of interest with one nominee: from then on that nomination does not exist for
    them (404), so they can neither read nor score nor steer the deliberation."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="conflicts")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    declared_at = models.DateTimeField(default=timezone.now)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "nomination": Sensitivity.STAFF,
        "juror": Sensitivity.STAFF,
        "declared_at": Sensitivity.STAFF,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "juror"], name="one_conflict_per_juror")]


class ScoreSheet(models.Model):
    """One juror's scores of one nominee: a value per criterion and the comments, sealed with the nominee's key
    (a comment describes the nominee)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="score_sheets")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(default=dict)  # criterion -> 1..5
    comments_enc = models.BinaryField(null=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    comments = Encrypted("comments_enc")  # JSON text: criterion -> comment

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "nomination": Sensitivity.STAFF,
        "juror": Sensitivity.STAFF,
        "values": Sensitivity.STAFF,
        "uid": Sensitivity.NONE,
        "comments_enc": Sensitivity.RESTRICTED,
        "submitted_at": Sensitivity.STAFF,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "juror"], name="one_sheet_per_juror")]

    @property
    def data_key(self):
        return self.nomination.data_key

    @property
    def mean(self) -> float | None:
        numbers = [int(v) for v in self.values.values()]
        return sum(numbers) / len(numbers) if numbers else None


class DeliberationNote(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    text_enc = models.BinaryField(null=True)

    text = Encrypted("text_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "nomination": Sensitivity.STAFF,
        "author": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "uid": Sensitivity.NONE,
        "text_enc": Sensitivity.RESTRICTED,
    }

    class Meta:
        ordering = ["created_at", "id"]

    @property
    def data_key(self):
        return self.nomination.data_key
