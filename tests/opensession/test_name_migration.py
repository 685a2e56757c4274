"""The migration that encrypts bookers' names: an existing clear name ends up sealed and readable, the clear
column is gone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.people.dbdump import found_canaries


@pytest.mark.django_db(transaction=True)
def test_existing_booker_names_are_sealed_by_the_migration(open_session):
    before, after = [("opensession", "0002_sealed_manage_token")], [("opensession", "0003_encrypted_booker_name")]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        _run(before, after, open_session)
    finally:
        # Going back unapplied every later migration of every app that depends on this one: all of them are
        # applied again, or the next tests on this database meet missing tables and columns.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)


def _run(before, after, open_session):
    from defdays.core.models import DataKey

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    key = DataKey.create()
    old.get_model("opensession", "Booking").objects.create(
        open_session_id=open_session.pk, data_key_id=key.pk, name="Canary Clear 91d2", email_index="x"
    )
    assert found_canaries(["Canary Clear 91d2"]) == ["Canary Clear 91d2"]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    from defdays.opensession.models import Booking

    assert Booking.objects.select_related("data_key").get().name == "Canary Clear 91d2"
    assert found_canaries(["Canary Clear 91d2"]) == []
