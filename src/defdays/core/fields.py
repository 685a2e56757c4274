"""Restricted attributes: stored as AES-GCM ciphertext under the row's data key, opened on access.

A model using `Encrypted` needs a `uid` (UUID, part of the associated data) and a `data_key` foreign key.
"""

from defdays.core import crypto


class Encrypted:
    def __init__(self, column: str):
        self.column = column

    def __set_name__(self, owner, name):
        self.name = name

    def context(self, instance) -> str:
        return f"{instance._meta.label_lower}.{self.name}:{instance.uid}"

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        blob = getattr(instance, self.column)
        if blob is None:
            return None
        return crypto.open_value(instance.data_key.dek(), blob, self.context(instance))

    def __set__(self, instance, value):
        if value is None:
            setattr(instance, self.column, None)
        else:
            setattr(
                instance, self.column, crypto.seal_value(instance.data_key.dek(), str(value), self.context(instance))
            )


def migrate_to_encrypted(
    apps, app_label: str, model_name: str, *, clear: str, column: str, attribute: str, reverse: bool = False
) -> None:
    """Migration step: seal a clear text column into its encrypted column (or back, when reversing), under each
    row's data key, with the same associated data as `Encrypted(column)` named `attribute` would use. A row whose
    key is already shredded keeps nothing: there is no key to seal under, and the value was meant to be gone."""
    model = apps.get_model(app_label, model_name)
    context = f"{app_label}.{model_name.lower()}.{attribute}:"
    for row in model.objects.select_related("data_key").iterator():
        key = row.data_key
        dek = crypto.unwrap(key.wrapped, key.kek_id, str(key.id)) if key.wrapped is not None else None
        if reverse:
            blob = getattr(row, column)
            value = crypto.open_value(dek, blob, context + str(row.uid)) if blob is not None and dek else ""
            model.objects.filter(pk=row.pk).update(**{clear: value})
        else:
            value = getattr(row, clear)
            blob = crypto.seal_value(dek, value, context + str(row.uid)) if value and dek else None
            model.objects.filter(pk=row.pk).update(**{column: blob})
