"""Capacity now belongs to the seats app (seats migration 0001). State only: the column and its foreign key
still point at the same table, core_capacity."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("programme", "0002_opaque_ids_two_consents"),
        ("seats", "0001_capacity"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="session",
                    name="capacity",
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                               related_name="+", to="seats.capacity"),
                ),
            ],
            database_operations=[],
        ),
    ]
