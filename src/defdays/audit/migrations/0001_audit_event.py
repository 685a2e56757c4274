"""The audit log moves from core to its own app. Only Django's idea of where the model lives changes: the table
keeps its name (core_auditevent), its rows and its PostgreSQL append-only trigger (core migrations 0002, 0006)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("core", "0007_generation"),
        ("editions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ("actor_roles", models.CharField(blank=True, max_length=200)),
                        ("action", models.CharField(db_index=True, max_length=64)),
                        ("target_type", models.CharField(blank=True, max_length=64)),
                        ("target_id", models.CharField(blank=True, max_length=64)),
                        ("detail", models.JSONField(blank=True, default=dict)),
                        ("actor", models.ForeignKey(blank=True, db_constraint=False, null=True,
                                                    on_delete=django.db.models.deletion.DO_NOTHING,
                                                    related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("edition", models.ForeignKey(blank=True, db_constraint=False, null=True,
                                                      on_delete=django.db.models.deletion.DO_NOTHING,
                                                      related_name="+", to="editions.edition")),
                    ],
                    options={
                        "verbose_name": "audit event",
                        "ordering": ["-at", "-id"],
                        "db_table": "core_auditevent",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
