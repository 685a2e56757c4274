"""The audit log's model now belongs to the audit app (audit migration 0001). State only: the table, its rows and
its trigger stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0007_h3_generation"),
        ("audit", "0001_h7_audit_event"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]
