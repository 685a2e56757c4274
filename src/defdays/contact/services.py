"""Every write of the contact app: a message received, read, answered, destroyed; the page's settings."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from defdays.audit import services as audit
from defdays.contact.models import ContactMessage, ContactReply, ContactSettings, MessageStatus
from defdays.core import crypto
from defdays.core.models import DataKey
from defdays.mail import services as mail

# Neutral: subjects show on lock screens and in mail logs.
SUBJECT_WAITING = _("A message is waiting for you")
SUBJECT_ANSWER = _("An answer to your message")


def message_receive(*, edition, name: str, email: str, body: str, language: str, inbox_url: str) -> ContactMessage:
    """Seal a message under a new data key and tell the contact person that one is waiting: that email says
    nothing of who wrote or what, because mailboxes are read on phones, forwarded and kept for years."""
    with transaction.atomic():
        message = ContactMessage(edition=edition, data_key=DataKey.create(), language=language)
        message.name = name
        message.email = email
        message.body = body
        message.email_index = crypto.email_index(email)
        message.save()
        audit.record(audit.Action.CONTACT_RECEIVED, target=message, edition=edition)
        mail.send_templated(
            edition.contact_email,
            SUBJECT_WAITING,
            "contact/email/waiting",
            {"edition": edition, "inbox_url": inbox_url},
        )
    return message


def message_read(*, message: ContactMessage, actor) -> None:
    with transaction.atomic():
        if message.status == MessageStatus.NEW:
            ContactMessage.objects.filter(pk=message.pk, status=MessageStatus.NEW).update(status=MessageStatus.READ)
            message.status = MessageStatus.READ
        audit.record(
            audit.Action.RESTRICTED_READ, actor=actor, target=message, edition=message.edition, fields="contact-message"
        )


def message_answer(*, message: ContactMessage, body: str, actor) -> ContactReply:
    """Store the answer under the message's key and email it to the sender in the language they wrote in."""
    with transaction.atomic():
        message = ContactMessage.objects.select_for_update().select_related("data_key", "edition").get(pk=message.pk)
        reply = ContactReply(message=message, data_key=message.data_key, author=actor)
        reply.body = body
        reply.save()
        message.status = MessageStatus.ANSWERED
        message.save(update_fields=["status"])
        audit.record(audit.Action.CONTACT_ANSWERED, actor=actor, target=message, edition=message.edition)
        mail.send_templated(
            message.email,
            SUBJECT_ANSWER,
            "contact/email/answer",
            {"edition": message.edition, "answer": body, "name": message.name},
            language=message.language,
        )
    return reply


def message_destroy(message: ContactMessage) -> None:
    """Shred the message's key (its answers' too: the same key), then delete the rows."""
    with transaction.atomic():
        key = message.data_key
        message.delete()
        if key.shredded_at is None:
            key.shred()


def settings_save(*, edition, reader, openpgp_key: str, secure_channels: str, actor) -> ContactSettings:
    with transaction.atomic():
        found, _created = ContactSettings.objects.select_for_update().get_or_create(edition=edition)
        found.reader = reader
        found.openpgp_key = openpgp_key
        found.secure_channels = secure_channels
        found.save()
        audit.record(audit.Action.CONTACT_SETTINGS_CHANGED, actor=actor, target=found, edition=edition)
    return found


def purge_edition_messages(edition) -> int:
    """The retention purge: every message of the edition destroyed, and the audit events about them lose their
    target id (it would still point at a message in an older backup)."""
    with transaction.atomic():
        messages = list(ContactMessage.objects.filter(edition=edition).select_related("data_key"))
        audit.forget_targets(ContactMessage, [message.pk for message in messages])
        for message in messages:
            message_destroy(message)
    return len(messages)
