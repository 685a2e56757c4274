"""Messages written to an edition's contact person through the public form, and the answers.

A message's name, address and text are sealed under the message's own data key, so a database copy does not say
who wrote, from where or what; the retention purge and an erasure shred that key. Answers are sealed under the
same key: they quote and reply to the sender, and must go with the message.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity

BODY_MAX = 10_000


class ContactSettings(models.Model):
    """What the contact page offers besides the form, and which account reads the messages with the organisers."""

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="contact_settings")
    # The contact person's own account; it must hold a staff role in the edition (two-factor sign-in).
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    openpgp_key = models.TextField(_("OpenPGP public key"), blank=True, max_length=20_000)
    secure_channels = models.TextField(_("other secure channels"), blank=True, max_length=2_000)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "reader": Sensitivity.STAFF,
        "openpgp_key": Sensitivity.PUBLIC,
        "secure_channels": Sensitivity.PUBLIC,
    }

    def __str__(self):
        return f"contact settings {self.edition_id}"


class MessageStatus(models.TextChoices):
    NEW = "new", _("New")
    READ = "read", _("Read")
    ANSWERED = "answered", _("Answered")


class ContactMessage(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="contact_messages")
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    name_enc = models.BinaryField(null=True)
    email_enc = models.BinaryField(null=True)
    body_enc = models.BinaryField(null=True)
    # The sender's address as a keyed index: finds their messages for their export and erasure, tells nothing.
    email_index = models.CharField(max_length=64, blank=True, db_index=True)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(max_length=12, choices=MessageStatus.choices, default=MessageStatus.NEW)
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(default=False)

    name = Encrypted("name_enc")
    email = Encrypted("email_enc")
    body = Encrypted("body_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "name_enc": Sensitivity.RESTRICTED,
        "email_enc": Sensitivity.RESTRICTED,
        "body_enc": Sensitivity.RESTRICTED,
        "email_index": Sensitivity.STAFF,
        "language": Sensitivity.STAFF,
        "status": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "is_demo": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"message {self.pk}"


class ContactReply(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message = models.ForeignKey(ContactMessage, on_delete=models.CASCADE, related_name="replies")
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    body_enc = models.BinaryField(null=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    body = Encrypted("body_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "message": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "body_enc": Sensitivity.RESTRICTED,
        "author": Sensitivity.STAFF,
        "sent_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self):
        return f"reply {self.pk}"
