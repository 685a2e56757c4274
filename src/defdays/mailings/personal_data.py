"""What the mailings app holds about a person (see defdays.people.registry for the contract): the copies of the
messages they were sent. Open-session bookings' copies go with the booking (cascade) or the edition's purge."""

from django.db import transaction

from defdays.core.crypto import DecryptionError
from defdays.mailings.models import Delivery, Message

CATEGORY = "registrations"


def _text(delivery):
    try:
        return delivery.text
    except DecryptionError:
        return None


def export_for(user) -> dict:
    rows = Delivery.objects.filter(user=user).select_related("data_key", "message__edition").order_by("id")
    return {
        "messages": [
            {
                "edition": d.message.edition.year,
                "status": d.status,
                "encrypted": d.encrypted,
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                "text": _text(d),
            }
            for d in rows
        ]
    }


def erase_for(user) -> None:
    # The emails still waiting in the outbox go with mail.outbox.forget_unsent_to, which erasure calls.
    with transaction.atomic():
        Delivery.objects.filter(user=user).delete()


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    """After the retention period: every copy, and the messages themselves (what the closed part was told)."""
    deliveries = Delivery.objects.filter(message__edition=edition)
    messages = Message.objects.filter(edition=edition, body_enc__isnull=False)
    counts = {"message_copies": deliveries.count(), "messages": messages.count()}
    if dry_run or not (counts["messages"] or counts["message_copies"]):
        return counts
    with transaction.atomic():
        deliveries.delete()
        for message in messages.select_related("data_key"):
            message.title_enc = message.body_enc = None
            message.save(update_fields=["title_enc", "body_enc"])
            message.data_key.shred()
    return counts
