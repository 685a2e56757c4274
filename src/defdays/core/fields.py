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
            setattr(instance, self.column, crypto.seal_value(instance.data_key.dek(), str(value), self.context(instance)))
