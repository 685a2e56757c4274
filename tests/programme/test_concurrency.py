import threading

import pytest
from django.db import connection

from defdays.programme import services
from defdays.programme.models import ScheduleVersion


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_publishes_of_one_working_copy_make_one_version(edition):
    """The edition's row lock orders two publishes: the second sees the first's version and has nothing left to
    publish. Without the lock both would read "no version yet" and both would write version 1."""
    barrier = threading.Barrier(2)
    errors = []

    def publish(name):
        try:
            barrier.wait()
            services.publish(edition, name, actor=None)
        except Exception as error:  # reported below: the test must see every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(f"v{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [type(error) for error in errors] == [services.NothingToPublish]
    assert list(ScheduleVersion.objects.values_list("number", flat=True)) == [1]
