import functools

import pytest

from defdays.programme import services
from defdays.programme.models import ScheduleVersion
from tests.concurrency import at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_publishes_of_one_working_copy_make_one_version(edition):
    """The edition's row lock orders two publishes: the second sees the first's version and has nothing left to
    publish. Without the lock both would read "no version yet" and both would write version 1."""

    def publish(name):
        try:
            services.publish(edition, name, actor=None)
            return "published"
        except services.NothingToPublish:
            return "nothing to publish"

    assert sorted(at_once(*(functools.partial(publish, f"v{i}") for i in range(2)))) == [
        "nothing to publish",
        "published",
    ]
    assert list(ScheduleVersion.objects.values_list("number", flat=True)) == [1]
