import pytest

from defdays.exports import services
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_downloads_at_once_give_one_file(edition, make_user):
    """The claim is one conditional UPDATE: two requests racing for the same one-time export cannot both see it
    unused. A read-then-write (is downloaded_at empty? then set it) would hand out the file twice."""
    organiser = make_user("organiser", edition=edition)
    export = services.request_export(
        actor=organiser, edition=edition, kind_key="participants", columns=["public_name"], file_format="csv"
    )

    def download():
        return "file" if services.download_export(actor=organiser, edition=edition, uid=export.uid) else "none"

    assert sorted(at_once(download, times=4)) == ["file", "none", "none", "none"]
