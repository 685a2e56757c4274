"""Reads of messages: the organisers' list and progress of an edition, and a person's own copies."""

from defdays.mailings.models import Delivery, DeliveryStatus, Message


def messages_of(edition):
    return Message.objects.filter(edition=edition).select_related("data_key", "created_by")


def message_in(edition, uid):
    return messages_of(edition).filter(uid=uid).first()


def own_copies(user):
    """The messages this person was sent, newest first: only their own deliveries, opened under their key."""
    return (
        Delivery.objects.filter(user=user, status=DeliveryStatus.SENT)
        .select_related("data_key", "message__data_key", "message__edition")
        .order_by("-sent_at", "-id")
    )


def own_copy(user, uid):
    return own_copies(user).filter(uid=uid).first()
