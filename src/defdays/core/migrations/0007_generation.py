from django.db import migrations, models


def first_row(apps, schema_editor):
    apps.get_model("core", "Generation").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_audit_reduction")]

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(default=0)),
                ("salt", models.CharField(default="", max_length=16)),
            ],
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
