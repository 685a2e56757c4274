"""The email outbox moves from core to its own app. The table keeps its name (core_outgoingemail) and its rows.
Two things named the old app and are carried over, so that messages queued before the move are still sent:
- each sealed field's associated data names the model ("core.outgoingemail.text:<uid>"): unsent messages are
  opened under the old name and sealed again under the new one, under the same data key;
- the task that sends a message moved with it: queued task rows point at the new path, or the worker would fail
  to import the old one."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models

from defdays.core import crypto

OLD_TASK = "defdays.core.tasks.send_outgoing_email"
NEW_TASK = "defdays.mail.tasks.send_outgoing_email"


SEALED = ("to", "subject", "text", "html")


def reseal(apps, schema_editor, old="core", new="mail"):
    model = apps.get_model("mail", "OutgoingEmail")
    for row in model.objects.select_related("data_key").iterator():
        key = row.data_key
        if key.wrapped is None:  # shredded: nothing can open it, before or after
            continue
        dek = crypto.unwrap(key.wrapped, key.kek_id, str(key.id))
        changes = {}
        for name in SEALED:
            blob = getattr(row, f"{name}_enc")
            if blob is not None:
                value = crypto.open_value(dek, bytes(blob), f"{old}.outgoingemail.{name}:{row.uid}")
                changes[f"{name}_enc"] = crypto.seal_value(dek, value, f"{new}.outgoingemail.{name}:{row.uid}")
        model.objects.filter(pk=row.pk).update(**changes)


def reseal_back(apps, schema_editor):
    reseal(apps, schema_editor, old="mail", new="core")


def repoint_tasks(apps, schema_editor, old=OLD_TASK, new=NEW_TASK):
    apps.get_model("django_tasks_database", "DBTaskResult").objects.filter(task_path=old).update(task_path=new)


def repoint_back(apps, schema_editor):
    repoint_tasks(apps, schema_editor, old=NEW_TASK, new=OLD_TASK)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("core", "0007_generation"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("uid", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("to_index", models.CharField(db_index=True, max_length=64)),
                        ("to_enc", models.BinaryField(null=True)),
                        ("subject_enc", models.BinaryField(null=True)),
                        ("text_enc", models.BinaryField(null=True)),
                        ("html_enc", models.BinaryField(null=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("data_key", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                                       related_name="+", to="core.datakey")),
                    ],
                    options={"db_table": "core_outgoingemail"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(reseal, reseal_back),
        migrations.RunPython(repoint_tasks, repoint_back),
    ]
