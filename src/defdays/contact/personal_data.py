"""What the contact app holds about a person: messages they sent through the form, found by their address's
keyed index (senders need no account). The retention purge destroys every message of the edition."""

from defdays.contact import selectors, services
from defdays.contact.models import ContactMessage
from defdays.core.crypto import DecryptionError

CATEGORY = "registrations"


def _messages_of(user):
    if not user.email_index:
        return ContactMessage.objects.none()
    return selectors.messages_of_email_index(user.email_index)


def export_for(user) -> dict:
    rows = []
    for message in _messages_of(user):
        try:
            body, replies = message.body, [reply.body for reply in message.replies.all()]
        except DecryptionError:
            continue
        rows.append(
            {
                "edition": message.edition.year,
                "sent_at": message.created_at.isoformat(),
                "name": message.name,
                "text": body,
                "answers": replies,
            }
        )
    return {"contact_messages": rows}


def erase_for(user) -> None:
    for message in _messages_of(user):
        services.message_destroy(message)


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    if dry_run:
        return {"contact messages": ContactMessage.objects.filter(edition=edition).count()}
    return {"contact messages": services.purge_edition_messages(edition)}
