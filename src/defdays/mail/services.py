"""Every email goes through here: one recipient, never CC, a plain-text part always, sent by the task worker
from an encrypted outbox row (defdays.mail.outbox), so no task row keeps a body or an address.

Subjects stay neutral: they show on lock screens and in mail server logs, so they never name a person,
the conference's purpose or restricted data.
"""

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from defdays.mail import outbox
from defdays.mail.tasks import send_outgoing_email


def send_templated(to: str, subject: str, template: str, context: dict, language: str = "en"):
    """Render `<template>.txt` (and `<template>.html` when it exists) in the recipient's language, then enqueue."""
    if not to or "," in to or ";" in to:
        raise ValueError("Exactly one recipient per message.")
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
