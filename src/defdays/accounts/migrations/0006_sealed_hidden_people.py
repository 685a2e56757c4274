"""Who is hidden moves from a clear column on each user into one sealed row (accounts.visibility)."""

import json
import uuid

from django.db import migrations, models
import django.db.models.deletion

PAD = 4096  # as accounts.visibility.PAD


def seal_hidden(apps, schema_editor):
    from defdays.core import crypto

    User = apps.get_model("accounts", "User")
    DataKey = apps.get_model("core", "DataKey")
    HiddenPeople = apps.get_model("accounts", "HiddenPeople")
    key_id = uuid.uuid4()
    dek = crypto.new_data_key()
    kek_id, wrapped = crypto.wrap(dek, str(key_id))
    key = DataKey.objects.create(id=key_id, kek_id=kek_id, wrapped=wrapped)
    members = {str(pk): {"since": at.isoformat(), "by": "self"}
               for pk, at in User.objects.filter(hidden_at__isnull=False, is_active=True)
               .values_list("pk", "hidden_at").order_by("pk")}
    text = json.dumps(members, separators=(",", ":"))
    text = text.ljust(max(PAD, -(-len(text) // PAD) * PAD))
    row = HiddenPeople(id=1, uid=uuid.uuid4(), data_key=key)
    # The same associated data as core.fields.Encrypted: model label, field name, row uid.
    row.members_enc = crypto.seal_value(dek, text, f"accounts.hiddenpeople.members:{row.uid}")
    row.save()


def unseal_hidden(apps, schema_editor):
    """Going back puts the set into the restored column: a rollback that dropped it would show every hidden person
    again, on every list, without a word."""
    from datetime import datetime

    from defdays.core import crypto

    User = apps.get_model("accounts", "User")
    row = apps.get_model("accounts", "HiddenPeople").objects.select_related("data_key").filter(pk=1).first()
    if row is None or row.members_enc is None:
        return
    key = row.data_key
    dek = crypto.unwrap(bytes(key.wrapped), key.kek_id, str(key.id))
    members = json.loads(crypto.open_value(dek, bytes(row.members_enc), f"accounts.hiddenpeople.members:{row.uid}"))
    for pk, entry in members.items():
        User.objects.filter(pk=int(pk)).update(hidden_at=datetime.fromisoformat(entry["since"]))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_keep_account"),
        ("core", "0007_generation"),
    ]

    operations = [
        migrations.CreateModel(
            name="HiddenPeople",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("members_enc", models.BinaryField(null=True)),
                ("data_key", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                               to="core.datakey")),
            ],
        ),
        migrations.RunPython(seal_hidden, unseal_hidden),
        migrations.RemoveField(model_name="user", name="hidden_at"),
    ]
