import threading

import pytest
from django.db import connection

from defdays.exports import services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_downloads_at_once_give_one_file(edition, make_user):
    """The claim is one conditional UPDATE: two requests racing for the same one-time export cannot both see it
    unused. A read-then-write (is downloaded_at empty? then set it) would hand out the file twice."""
    organiser = make_user("organiser", edition=edition)
    export = services.request_export(
        actor=organiser, edition=edition, kind_key="participants", columns=["public_name"], file_format="csv"
    )
    barrier = threading.Barrier(4)
    files, errors = [], []

    def download():
        try:
            barrier.wait()
            files.append(services.download_export(actor=organiser, edition=edition, uid=export.uid))
        except Exception as error:  # reported below: the test must see every failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=download) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len([f for f in files if f is not None]) == 1
