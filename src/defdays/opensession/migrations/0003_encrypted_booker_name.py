"""Bookers' names move under each booking's data key: a copy of the database no longer lists who booked."""

from django.db import migrations, models

from defdays.core.fields import migrate_to_encrypted


def seal(apps, schema_editor):
    migrate_to_encrypted(apps, "opensession", "Booking", clear="name", column="name_enc", attribute="name")


def unseal(apps, schema_editor):
    migrate_to_encrypted(apps, "opensession", "Booking", clear="name", column="name_enc", attribute="name",
                         reverse=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_outgoing_email"), ("opensession", "0002_sealed_manage_token")]
    operations = [
        migrations.AddField(model_name="booking", name="name_enc", field=models.BinaryField(null=True)),
        migrations.RunPython(seal, unseal),
        migrations.RemoveField(model_name="booking", name="name"),
    ]
