"""Capacity now belongs to the seats app (seats migration 0001). State only: the column and its foreign key
still point at the same table, core_capacity."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("opensession", "0003_encrypted_booker_name"),
        ("seats", "0001_capacity"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="opensession",
                    name="capacity",
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT,
                                               related_name="+", to="seats.capacity"),
                ),
            ],
            database_operations=[],
        ),
    ]
