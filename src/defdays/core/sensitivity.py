"""Every field of every defdays model has a sensitivity class; one inventory, checked by a test.

Models declare `SENSITIVITY = {"field_name": Sensitivity.X, ...}` for each concrete field. `NONE` marks fields
that hold no personal data (ids, dates of an edition, flags). RESTRICTED fields are stored encrypted with the
person's data key (defdays.core.crypto) and their reads are audited.
"""

from django.apps import apps
from django.db import models


class Sensitivity(models.TextChoices):
    NONE = "none", "no personal data"
    PUBLIC = "public", "public"
    PARTICIPANT = "participant", "visible to participants"
    STAFF = "staff", "visible to staff"
    RESTRICTED = "restricted", "restricted (encrypted at rest, reads audited)"


def defdays_models():
    return [m for m in apps.get_models() if m.__module__.startswith("defdays.")]


def inventory():
    """[(model label, field name, class or None)] for every concrete field of our models."""
    rows = []
    for model in defdays_models():
        declared = getattr(model, "SENSITIVITY", {})
        for model_field in model._meta.concrete_fields:
            rows.append((model._meta.label, model_field.name, declared.get(model_field.name)))
    return rows


def unclassified():
    return [(label, name) for label, name, klass in inventory() if klass is None]
