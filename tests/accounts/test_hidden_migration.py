"""Rolling back the migration that sealed "hide me" must keep everyone hidden: the set returns to its column."""

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from defdays.accounts import visibility


@pytest.mark.django_db(transaction=True)
def test_a_rollback_puts_the_sealed_set_back_into_the_column(make_user):
    hidden, shown = make_user(public_name="Hidden Person"), make_user(public_name="Shown Person")
    with transaction.atomic():  # set_hidden runs inside its caller's transaction (it locks the sealed row)
        visibility.set_hidden(hidden.pk, True, by="person")
    before = [("accounts", "0005_keep_account")]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(before)
        old_user = executor.loader.project_state(before).apps.get_model("accounts", "User")
        assert set(old_user.objects.filter(hidden_at__isnull=False).values_list("pk", flat=True)) == {hidden.pk}
        assert old_user.objects.get(pk=shown.pk).hidden_at is None
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
    assert visibility.is_hidden(hidden) and not visibility.is_hidden(shown)
