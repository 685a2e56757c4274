"""Writing to an audience: queue one Delivery per recipient, then the worker sends each its own email.

Nothing here sends to a list: every recipient gets a message with their address alone in To, built from their
own account or booking, in their language, OpenPGP-encrypted when they gave a key with their invitation. The
task argument is the message id; bodies and addresses stay sealed (the message under its key, each copy under the
recipient's key, the email in the mail outbox).
"""

from __future__ import annotations

import smtplib
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from defdays.audit import services as audit
from defdays.core.links import absolute_url
from defdays.core.models import DataKey
from defdays.core.roles import RoleName
from defdays.invitations import pgp
from defdays.invitations.models import Invitation, InvitationStatus
from defdays.mail import services as mail
from defdays.mailings import audiences
from defdays.mailings.models import Delivery, DeliveryStatus, Message, MessageStatus

# Neutral on a lock screen and in a mail server's log: the organisers' own title goes inside the message.
SUBJECT = gettext_lazy("A message from the organisers")
TEMPLATE = "mailings/email/message.txt"
SAMPLE_NAME = gettext_lazy("[public name]")
BATCH = 200
# After the first refusal: wait 1, 5, 30 minutes, then 2 and 8 hours; a sixth refusal is final.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=8))
# A refusal or an unreachable server for one recipient; anything else is a bug and stops the run loudly.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)


def may_include_hidden(actor, edition) -> bool:
    return RoleName.SAFETY in actor.roles_in(edition)


def render_copy(*, edition, title: str, body: str, name: str, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            TEMPLATE,
            {
                "edition": edition,
                "title": title,
                "body": body,
                "name": name,
                "me_url": absolute_url(reverse("accounts:me")),
            },
        )


def sample(*, edition, title: str, body: str, language: str) -> str:
    """What a recipient reads, with a placeholder for their name: the preview names nobody."""
    return render_copy(edition=edition, title=title, body=body, name=str(SAMPLE_NAME), language=language)


def message_send(
    *, edition, audience: str, title: str, body: str, actor, training=None, include_hidden: bool = False
) -> Message:
    """Record the message, one Delivery per recipient of the audience as it stands now, and queue the sending."""
    from defdays.mailings.tasks import send_message

    if include_hidden and not may_include_hidden(actor, edition):
        raise PermissionDenied
    with transaction.atomic():
        found = audiences.recipients(edition, audience, training=training, include_hidden=include_hidden)
        message = Message(
            edition=edition,
            audience=audience,
            training=training,
            include_hidden=include_hidden,
            created_by=actor,
            data_key=DataKey.create(),
            total=len(found),
        )
        message.title, message.body = title.strip(), body.strip()
        message.save()
        user_keys = dict(audiences.User.objects.filter(pk__in=found.user_ids).values_list("pk", "data_key_id"))
        booking_keys = dict(audiences.Booking.objects.filter(pk__in=found.booking_ids).values_list("pk", "data_key_id"))
        Delivery.objects.bulk_create(
            [Delivery(message=message, user_id=pk, data_key_id=user_keys[pk]) for pk in found.user_ids]
            + [Delivery(message=message, booking_id=pk, data_key_id=booking_keys[pk]) for pk in found.booking_ids],
            batch_size=1000,
        )
        audit.record(
            audit.Action.MESSAGE_QUEUED,
            actor=actor,
            target=message,
            edition=edition,
            audience=audience,
            recipients=len(found),
            include_hidden=include_hidden,
        )
        send_message.enqueue(message_id=message.pk)
    return message


def _pgp_keys(edition, user_ids) -> dict[int, str]:
    """The OpenPGP key each person gave with their invitation to this edition (moved under their own key when
    they redeemed it)."""
    rows = (
        Invitation.objects.filter(
            edition=edition, user_id__in=user_ids, status=InvitationStatus.REDEEMED, pgp_key_enc__isnull=False
        )
        .select_related("data_key")
        .only("id", "uid", "user_id", "pgp_key_enc", "data_key")
    )
    return {row.user_id: row.pgp_key for row in rows}


def _address(delivery) -> tuple[str, str, str]:
    """(email, name, language) from the recipient's own record."""
    if delivery.user_id:
        user = delivery.user
        return user.email, user.public_name, user.language
    booking = delivery.booking
    return booking.email, booking.name, booking.language


def _prepare(message, delivery, key_text: str | None) -> bool:
    """Render and seal this recipient's email in the outbox, and their copy under their key. False when they are
    to be left out (hid, erased, cancelled since the message was queued) or their key cannot encrypt."""
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().filter(pk=delivery.pk).first()
        if locked is None or locked.status not in (DeliveryStatus.QUEUED, DeliveryStatus.RETRYING):
            return False  # sent, failed for good or gone since the batch was read
        if locked.outgoing_id:
            # Already sealed (a retry, or another worker got here first): send that one email, never a second.
            delivery.outgoing_id, delivery.attempts = locked.outgoing_id, locked.attempts
            return True
        if not audiences.still_reachable(delivery, include_hidden=message.include_hidden):
            # Left out silently: a "left out" count would tell the organisers that someone hid.
            locked.delete()
            Message.objects.filter(pk=message.pk).update(total=message.deliveries.count())
            return False
        to, name, language = _address(delivery)
        text = render_copy(
            edition=message.edition, title=message.title, body=message.body, name=name, language=language
        )
        sent_text = text
        if key_text:
            try:
                sent_text = pgp.encrypt(text, key_text)  # never falls back to plaintext
            except pgp.PGPError:
                _settle(locked, DeliveryStatus.FAILED)
                return False
        with translation.override(language):
            subject = str(SUBJECT)
        outgoing = mail.hold(to, subject, sent_text)
        locked.data_key = delivery.data_key
        locked.text = text
        locked.outgoing, locked.encrypted = outgoing, bool(key_text)
        locked.save(update_fields=["text_enc", "outgoing", "encrypted"])
        delivery.outgoing_id = outgoing.pk
    return True


def _settle(delivery, status, *, next_at=None) -> None:
    if status == DeliveryStatus.FAILED and delivery.outgoing_id:
        mail.discard(delivery.outgoing_id)  # not tried again: the sealed email goes now
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=delivery.attempts,
        next_attempt_at=next_at,
        sent_at=timezone.now() if status == DeliveryStatus.SENT else None,
        outgoing_id=delivery.outgoing_id if status == DeliveryStatus.RETRYING else None,
    )


def _attempt(message, delivery, key_text, now) -> None:
    if not _prepare(message, delivery, key_text):
        return
    delivery.attempts += 1
    try:
        # The delivery stays locked from the send to "sent": a second worker on the same message waits here and
        # then finds it sent, instead of finding its outbox row gone and sealing (and sending) a second email.
        with transaction.atomic():
            locked = Delivery.objects.select_for_update().filter(pk=delivery.pk).first()
            if locked is None or locked.status not in (DeliveryStatus.QUEUED, DeliveryStatus.RETRYING):
                return
            delivered = mail.deliver_stored(delivery.outgoing_id)
            if delivered:
                _settle(delivery, DeliveryStatus.SENT)
                return
    except DELIVERY_ERRORS:
        # This recipient's server refused or could not be reached: the others go on, this one waits its turn.
        if delivery.attempts > len(BACKOFF):
            _settle(delivery, DeliveryStatus.FAILED)
        else:
            _settle(delivery, DeliveryStatus.RETRYING, next_at=now + BACKOFF[delivery.attempts - 1])
        return
    # The sealed email is gone without being sent here: its recipient was erased meanwhile.
    _settle(delivery, DeliveryStatus.FAILED)


def deliveries_send(*, message_id: int, now=None) -> int:
    """The worker's part: try every delivery that is queued or due again. Returns how many were tried."""
    now = now or timezone.now()
    message = Message.objects.select_related("edition", "data_key").filter(pk=message_id).first()
    if message is None:
        return 0
    due = Delivery.objects.filter(message=message).filter(
        Q(status=DeliveryStatus.QUEUED) | Q(status=DeliveryStatus.RETRYING, next_attempt_at__lte=now)
    )
    ids = list(due.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = list(
            Delivery.objects.filter(pk__in=ids[start : start + BATCH]).select_related(
                "data_key", "user__data_key", "booking__data_key"
            )
        )
        keys = _pgp_keys(message.edition, [d.user_id for d in batch if d.user_id])
        for delivery in batch:
            _attempt(message, delivery, keys.get(delivery.user_id), now)
    _finish_or_schedule(message)
    return len(ids)


def _finish_or_schedule(message) -> None:
    from django_tasks import default_task_backend

    from defdays.mailings.tasks import send_message

    waiting = Delivery.objects.filter(message=message, status__in=(DeliveryStatus.QUEUED, DeliveryStatus.RETRYING))
    next_at = waiting.aggregate(at=Min("next_attempt_at"))["at"]
    if not waiting.exists():
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.DONE, finished_at=timezone.now())
        audit.record(audit.Action.MESSAGE_SENT, target=message, edition=message.edition, **progress_counts(message))
    elif next_at is not None and default_task_backend.supports_defer:
        send_message.using(run_after=next_at).enqueue(message_id=message.pk)


def progress_counts(message) -> dict[str, int]:
    counted = dict(message.deliveries.values_list("status").annotate(n=Count("id")).order_by())
    return {value: counted.get(value, 0) for value in DeliveryStatus.values}
