"""Invitees' names move under each invitation's data key (the invitee's own, or the person's once redeemed): a copy
of the database no longer lists who was invited."""

from django.db import migrations, models

from defdays.core.fields import migrate_to_encrypted


def seal(apps, schema_editor):
    migrate_to_encrypted(apps, "invitations", "Invitation", clear="public_name", column="public_name_enc",
                         attribute="public_name")


def unseal(apps, schema_editor):
    migrate_to_encrypted(apps, "invitations", "Invitation", clear="public_name", column="public_name_enc",
                         attribute="public_name", reverse=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_outgoing_email"), ("invitations", "0001_initial")]
    operations = [
        migrations.AddField(model_name="invitation", name="public_name_enc", field=models.BinaryField(null=True)),
        migrations.RunPython(seal, unseal),
        migrations.RemoveField(model_name="invitation", name="public_name"),
    ]
