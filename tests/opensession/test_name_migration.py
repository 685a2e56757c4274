"""The migration that encrypts bookers' names: an existing clear name ends up sealed and readable, the clear
column is gone."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.people.dbdump import found_canaries


@pytest.mark.django_db(transaction=True)
def test_existing_booker_names_are_sealed_by_the_migration(open_session):
    from defdays.core.models import DataKey

    before, after = [("opensession", "0002_sealed_manage_token")], [("opensession", "0003_encrypted_booker_name")]
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
