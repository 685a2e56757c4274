"""The audit log, seats-and-waitlists and the email outbox now belong to their own apps (audit 0001, seats 0001,
mail 0001); core keeps infrastructure only. State only: the tables, their rows and the audit table's PostgreSQL trigger stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0007_generation"),
        ("audit", "0001_audit_event"),
        ("seats", "0001_capacity"),
        ("mail", "0001_outgoing_email"),
        # Their foreign keys point at seats.Capacity first.
        ("opensession", "0004_capacity_in_seats"),
        ("programme", "0003_capacity_in_seats"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AuditEvent"),
                migrations.DeleteModel(name="Seat"),
                migrations.DeleteModel(name="Capacity"),
                migrations.DeleteModel(name="OutgoingEmail"),
            ],
            database_operations=[],
        ),
    ]
