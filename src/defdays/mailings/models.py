"""Messages from the organisers to an audience of one edition, and one Delivery per recipient.

The text an organiser writes is sealed under the message's own key; each recipient's copy (what they were sent,
in their language, greeting them by their public name) is sealed under the recipient's own key, so erasing the
person or the retention purge destroys their copy with everything else they gave us. A Delivery names the
recipient by account or by open-session booking, never by a clear address.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity


class Audience(models.TextChoices):
    APPROVED_DEFENDERS = "approved_defenders", _("Approved defenders")
    CLOSED_PART = "closed_part", _("All closed-part participants")
    SPEAKERS = "speakers", _("Speakers and trainers")
    BOOKINGS = "bookings", _("Open-session bookings")
    TRAINING = "training", _("Seat holders of one training")
    WAITLIST = "waitlist", _("Open-session waitlist")


class MessageStatus(models.TextChoices):
    SENDING = "sending", _("Sending")
    DONE = "done", _("Sent")


class Message(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    training = models.ForeignKey(
        "programme.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set only by a member of the safety team: hidden people are left out of every audience otherwise.
    include_hidden = models.BooleanField(default=False)
    title_enc = models.BinaryField(null=True)
    body_enc = models.BinaryField(null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=MessageStatus.choices, default=MessageStatus.SENDING)
    total = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    title = Encrypted("title_enc")
    body = Encrypted("body_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "audience": Sensitivity.STAFF,
        "training": Sensitivity.STAFF,
        "include_hidden": Sensitivity.STAFF,
        # What organisers tell the closed part (venue, times, who else comes) is for its audience only.
        "title_enc": Sensitivity.RESTRICTED,
        "body_enc": Sensitivity.RESTRICTED,
        "created_by": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "status": Sensitivity.STAFF,
        "total": Sensitivity.STAFF,
        "finished_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"message #{self.pk}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    RETRYING = "retrying", _("Waiting to try again")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """One recipient of one message. The copy is sealed under the recipient's key (`data_key`): it goes when
    they are erased, and with the key gone the row cannot be read even in an old backup."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    data_key = models.ForeignKey("core.DataKey", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    booking = models.ForeignKey(
        "opensession.Booking", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The email waiting in the encrypted outbox (mail.outbox) between a failed attempt and the next one.
    outgoing = models.ForeignKey(
        "mail.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    encrypted = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    text_enc = models.BinaryField(null=True)

    text = Encrypted("text_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "message": Sensitivity.STAFF,
        "data_key": Sensitivity.NONE,
        "user": Sensitivity.STAFF,
        "booking": Sensitivity.STAFF,
        "status": Sensitivity.STAFF,
        "attempts": Sensitivity.STAFF,
        "next_attempt_at": Sensitivity.STAFF,
        "outgoing": Sensitivity.NONE,
        "encrypted": Sensitivity.STAFF,
        "sent_at": Sensitivity.PARTICIPANT,
        "text_enc": Sensitivity.RESTRICTED,
    }

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["message", "status"], name="delivery_by_message_status")]

    def __str__(self):
        return f"delivery #{self.pk}"
