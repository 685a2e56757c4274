import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("editions", "0001_initial"), ("registration", "0001_initial")]
    operations = [
        migrations.CreateModel(
            name="RetainedCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(max_length=20)),
                ("status", models.CharField(choices=[("invited", "Invited"), ("registered", "Registered"),
                                                     ("approved", "Approved"), ("declined", "Declined"),
                                                     ("checked_in", "Checked in"), ("withdrawn", "Withdrawn")],
                                            max_length=12)),
                ("number", models.PositiveIntegerField(default=0)),
                ("edition", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                              to="editions.edition")),
            ],
            options={"ordering": ["role", "status"]},
        ),
        migrations.AddConstraint(
            model_name="retainedcount",
            constraint=models.UniqueConstraint(fields=("edition", "role", "status"), name="one_count_per_kind"),
        ),
    ]
