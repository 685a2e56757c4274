"""Every email goes through here: one recipient, never CC, a plain-text part always, sent by the task worker.

Subjects stay neutral: they show on lock screens and in mail server logs, so they never name a person,
the conference's purpose or restricted data.
"""

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from defdays.core.tasks import deliver_email


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
    return deliver_email.enqueue(to=to, subject=subject, text=text, html=html)
