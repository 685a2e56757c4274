"""The outbox moved from core to the mail app. A message queued before the move, by the code before the move,
must still open and be sent afterwards: its sealed fields named the old model in their associated data, and its
task row named the old task path."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from defdays.core import crypto
from defdays.mail.outbox import OutgoingEmail
from defdays.mail.tasks import send_outgoing_email

BEFORE = [("mail", None), ("core", "0007_generation")]
OLD_TASK = "defdays.core.tasks.send_outgoing_email"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_a_message_queued_before_the_move_opens_and_its_task_finds_the_sender():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = _migrate(BEFORE)
    try:
        key_model, email_model = old.get_model("core", "DataKey"), old.get_model("core", "OutgoingEmail")
        key = key_model.objects.create()
        dek = crypto.new_data_key()
        key.kek_id, key.wrapped = crypto.wrap(dek, str(key.id))
        key.save()
        row = email_model(data_key=key, to_index="i")
        for name, value in {"to": "someone@example.org", "subject": "s", "text": "t"}.items():
            setattr(row, f"{name}_enc", crypto.seal_value(dek, value, f"core.outgoingemail.{name}:{row.uid}"))
        row.save()
        task = DBTaskResult.objects.create(
            task_path=OLD_TASK,
            backend_name="default",
            run_after=timezone.now(),
            args_kwargs={"args": [], "kwargs": {"outgoing_id": row.pk}},
        )
    finally:
        _migrate(leaves)
    message = OutgoingEmail.objects.select_related("data_key").get(pk=row.pk)
    assert (message.to, message.subject, message.text, message.html) == ("someone@example.org", "s", "t", None)
    assert import_string(DBTaskResult.objects.get(pk=task.pk).task_path) is send_outgoing_email
