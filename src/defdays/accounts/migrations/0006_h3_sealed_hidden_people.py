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


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_h1_keep_account"),
        ("core", "0007_h3_generation"),
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
        migrations.RunPython(seal_hidden, migrations.RunPython.noop),
        migrations.RemoveField(model_name="user", name="hidden_at"),
    ]
