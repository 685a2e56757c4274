"""Every email goes through here: one recipient, never CC, a plain-text part always, sent by the task worker
from an encrypted outbox row (defdays.mail.outbox), so no task row keeps a body or an address.

Subjects stay neutral: they show on lock screens and in mail server logs, so they never name a person,
the conference's purpose or restricted data.
"""

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from defdays.mail import outbox
from defdays.mail.tasks import deliver_stored, send_outgoing_email

__all__ = ["deliver_stored", "discard", "hold", "send_templated"]


def _one_recipient(to: str) -> None:
    if not to or "," in to or ";" in to:
        raise ValueError("Exactly one recipient per message.")


def hold(to: str, subject: str, text: str, html: str = ""):
    """Seal one message in the outbox without queueing it: for a caller that sends it itself from its own task
    (mail.tasks.deliver_stored) and tries again later when the recipient's server refuses."""
    _one_recipient(to)
    return outbox.store(to, str(subject), text, html)


def send_templated(to: str, subject: str, template: str, context: dict, language: str = "en"):
    """Render `<template>.txt` (and `<template>.html` when it exists) in the recipient's language, then enqueue."""
    _one_recipient(to)
    with translation.override(language):
        text = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional
            html = ""
        subject = str(subject)
    message = outbox.store(to, subject, text, html)
    # The database backend writes the task row in the caller's transaction: the worker sees both or neither.
    send_outgoing_email.enqueue(outgoing_id=message.pk)
    return message


def discard(outgoing_id: int) -> int:
    """Destroy a held message that will not be tried again (its key is shredded with it)."""
    return outbox.destroy(outbox.OutgoingEmail.objects.filter(pk=outgoing_id).select_related("data_key"))
