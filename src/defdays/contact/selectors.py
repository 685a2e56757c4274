"""Reads of the contact app. Messages are read by the edition's organisers and by its contact person's account
(`ContactSettings.reader`) alone; anyone else finds no inbox (404, like a missing page)."""

from __future__ import annotations

from defdays.contact.models import ContactMessage, ContactSettings
from defdays.core.roles import STAFF_ROLES, RoleName


def settings_of(edition) -> ContactSettings | None:
    return ContactSettings.objects.filter(edition=edition).first()


def may_read(viewer, edition) -> bool:
    if viewer is None or not viewer.is_authenticated:
        return False
    if viewer.is_superuser or RoleName.ORGANISER in viewer.roles_in(edition):
        return True
    found = settings_of(edition)
    # The reader must still hold a staff role here: a role revoked takes the inbox with it, and staff roles
    # bring two-factor sign-in, which a reader of sealed messages needs.
    return found is not None and found.reader_id == viewer.pk and bool(viewer.roles_in(edition) & STAFF_ROLES)


def inbox(viewer, edition):
    if not may_read(viewer, edition):
        return None
    return ContactMessage.objects.filter(edition=edition).select_related("data_key").prefetch_related("replies")


def message_for(viewer, edition, pk: int) -> ContactMessage | None:
    messages = inbox(viewer, edition)
    return None if messages is None else messages.filter(pk=pk).first()


def messages_of_email_index(index: str):
    return ContactMessage.objects.filter(email_index=index).select_related("data_key", "edition")
