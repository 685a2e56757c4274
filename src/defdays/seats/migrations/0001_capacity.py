"""Seats and waitlists move from core to their own app. State only: the tables keep their names (core_capacity,
core_seat), their rows, their constraint and their index."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("core", "0007_generation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Capacity",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("label", models.CharField(max_length=200, verbose_name="label")),
                        ("total", models.PositiveIntegerField(verbose_name="seats")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        "verbose_name": "capacity",
                        "verbose_name_plural": "capacities",
                        "db_table": "core_capacity",
                    },
                ),
                migrations.CreateModel(
                    name="Seat",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("holder", models.CharField(max_length=100)),
                        ("status", models.CharField(choices=[("confirmed", "Confirmed"), ("waitlisted", "Waitlisted"),
                                                             ("cancelled", "Cancelled")], max_length=12)),
                        ("queued_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("capacity", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                       related_name="seats", to="seats.capacity")),
                    ],
                    options={
                        "verbose_name": "seat",
                        "db_table": "core_seat",
                        "indexes": [models.Index(fields=["capacity", "status", "queued_at"], name="seat_queue")],
                        "constraints": [models.UniqueConstraint(fields=("capacity", "holder"),
                                                                name="one_seat_per_holder")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
