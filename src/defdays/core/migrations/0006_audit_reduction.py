"""The retention purge may reduce an audit event (forget who), never rewrite or delete one.

The trigger still refuses every DELETE and every UPDATE, except one shape, and only inside a transaction that
declared it with `SET LOCAL defdays.audit_reduction = 'on'` (core.audit.reduce_events does, nothing else does):
the actor becomes NULL or stays, the target id becomes empty or stays, the detail loses keys (new <@ old) and every
other column is unchanged. So a stray UPDATE from the application, or a reduction that tries to change what
happened or when, fails in the database itself.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('defdays.audit_reduction', true) = 'on'
       AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
       AND NEW.actor_roles = OLD.actor_roles AND NEW.target_type = OLD.target_type
       AND NEW.edition_id IS NOT DISTINCT FROM OLD.edition_id
       AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
       AND (NEW.target_id = '' OR NEW.target_id = OLD.target_id)
       AND NEW.detail::jsonb <@ OLD.detail::jsonb
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
"""
# Back to 0002's function: no exception at all.
REVERT = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def revert(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERT)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_hashed_sessions")]
    operations = [migrations.RunPython(create, revert)]
