"""Messages waiting for the task worker, encrypted until sent and destroyed after.

A task's arguments stay readable in the task table after it ran; an email body holds links with tokens and the
recipient's address. So the task gets only the id of an OutgoingEmail whose fields are sealed with a key of
their own; sending deletes the row and shreds the key. Erasing a person deletes their unsent messages.
"""

import uuid

from django.db import models, transaction
from django.utils import timezone

from defdays.core.crypto import email_index
from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity


class OutgoingEmail(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    to_index = models.CharField(max_length=64, db_index=True)
    to_enc = models.BinaryField(null=True)
    subject_enc = models.BinaryField(null=True)
    text_enc = models.BinaryField(null=True)
    html_enc = models.BinaryField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    to = Encrypted("to_enc")
    subject = Encrypted("subject_enc")
    text = Encrypted("text_enc")
    html = Encrypted("html_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "to_index": Sensitivity.STAFF,
        "to_enc": Sensitivity.RESTRICTED,
        "subject_enc": Sensitivity.RESTRICTED,
        "text_enc": Sensitivity.RESTRICTED,
        "html_enc": Sensitivity.RESTRICTED,
        "created_at": Sensitivity.NONE,
    }

    class Meta:
        # The table keeps the name it had in core: messages queued before the move are still sent.
        db_table = "core_outgoingemail"


def store(to: str, subject: str, text: str, html: str) -> OutgoingEmail:
    from defdays.core.models import DataKey

    with transaction.atomic():
        message = OutgoingEmail(data_key=DataKey.create(), to_index=email_index(to))
        message.to, message.subject, message.text, message.html = to, subject, text, html
        message.save()
    return message


def destroy(messages) -> int:
    """Delete messages and shred their keys; returns how many."""
    count = 0
    for message in list(messages):
        key = message.data_key
        message.delete()
        key.shred()
        key.delete()
        count += 1
    return count


def forget_unsent_to(email: str) -> int:
    return destroy(OutgoingEmail.objects.filter(to_index=email_index(email)).select_related("data_key"))
