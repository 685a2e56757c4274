"""The participants' directory and meetings of the closed part: opt-in profiles, meeting requests in the slots and
at the meeting points the organisers define, blocks and reports to the safety team.

Who appears where is decided in selectors.py alone. Everything a participant typed is sealed under their own data
key (`core.fields.Encrypted`): erasing them shreds it, and the retention purge deletes every row of the edition.
A request's note is sealed under the sender's key; the recipient reads it while both are there, and erasing
either deletes the request (personal_data.erase_for).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity

TEXT_MAX = 1_000
SHORT_MAX = 200


class NetworkingSlot(models.Model):
    """A time the organisers keep free for meetings between participants."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    SENSITIVITY = {name: Sensitivity.NONE for name in ("id", "edition", "starts_at", "ends_at")}

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self):
        return f"slot {self.pk}"


class MeetingPoint(models.Model):
    """Where two participants meet: one of the edition's rooms or a named table."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100, blank=True)
    room = models.ForeignKey("programme.Room", on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    SENSITIVITY = {name: Sensitivity.NONE for name in ("id", "edition", "name", "room")}

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.name or (self.room.name if self.room_id else "")


class Profile(models.Model):
    """A closed-part participant's entry in the directory of one edition. Not listed until the person says so."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    listed = models.BooleanField(default=False)
    languages_enc = models.BinaryField(null=True)
    areas_enc = models.BinaryField(null=True)
    about_enc = models.BinaryField(null=True)
    country_enc = models.BinaryField(null=True)
    organisation_enc = models.BinaryField(null=True)
    updated_at = models.DateTimeField(default=timezone.now)

    languages = Encrypted("languages_enc")
    areas = Encrypted("areas_enc")
    about = Encrypted("about_enc")
    country = Encrypted("country_enc")
    organisation = Encrypted("organisation_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "user": Sensitivity.STAFF,
        "edition": Sensitivity.STAFF,
        "data_key": Sensitivity.NONE,
        "listed": Sensitivity.STAFF,
        "languages_enc": Sensitivity.RESTRICTED,
        "areas_enc": Sensitivity.RESTRICTED,
        "about_enc": Sensitivity.RESTRICTED,
        "country_enc": Sensitivity.RESTRICTED,
        "organisation_enc": Sensitivity.RESTRICTED,
        "updated_at": Sensitivity.STAFF,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="one_profile_per_edition")]

    def __str__(self):
        return f"profile {self.pk}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingRequest(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    slot = models.ForeignKey(NetworkingSlot, on_delete=models.CASCADE, related_name="+")
    point = models.ForeignKey(MeetingPoint, on_delete=models.CASCADE, related_name="+")
    # The sender's key: the note is theirs.
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    note_enc = models.BinaryField(null=True)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    note = Encrypted("note_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "edition": Sensitivity.STAFF,
        "sender": Sensitivity.STAFF,
        "recipient": Sensitivity.STAFF,
        "slot": Sensitivity.STAFF,
        "point": Sensitivity.STAFF,
        "data_key": Sensitivity.NONE,
        "note_enc": Sensitivity.RESTRICTED,
        "status": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "changed_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"meeting request {self.pk}"

    def other_party(self, user):
        return self.recipient if user.pk == self.sender_id else self.sender


class Block(models.Model):
    """`blocker` no longer sees `blocked` and `blocked` no longer sees or writes to `blocker` (both ways in the
    selectors: a block that hid only one side would tell the blocked person who blocked them)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "edition": Sensitivity.STAFF,
        "blocker": Sensitivity.STAFF,
        "blocked": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
    }

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "blocker", "blocked"], name="one_block_per_pair")]

    def __str__(self):
        return f"block {self.pk}"


class PersonReport(models.Model):
    """A participant's report about another to the edition's safety team, sealed under the reporter's key.

    The safety app (incident reports) may take these over; until then its team reads them on the networking
    reports page (SAFETY only, every read audited)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    text_enc = models.BinaryField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    text = Encrypted("text_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "edition": Sensitivity.STAFF,
        "reporter": Sensitivity.STAFF,
        "reported": Sensitivity.STAFF,
        "data_key": Sensitivity.NONE,
        "text_enc": Sensitivity.RESTRICTED,
        "created_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"person report {self.pk}"
