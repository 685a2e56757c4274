"""Pages, navigation and command help promise only what the platform does today."""

import re
from pathlib import Path

import pytest

import defdays

SRC = Path(defdays.__file__).parent
# Features that do not exist yet. When one is built, its text comes with it and leaves this list.
NOT_BUILT = re.compile(r"camera scan|ticket payment|livestream|video call", re.I)


def _texts():
    yield from SRC.glob("*/templates/**/*.html")
    yield from SRC.glob("*/templates/**/*.txt")
    yield from SRC.glob("*/management/commands/*.py")
    yield from SRC.glob("*/apps.py")


def test_no_page_email_menu_or_command_help_promises_a_feature_that_is_not_built():
    promises = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path in _texts()
        for match in NOT_BUILT.finditer(path.read_text())
    ]
    assert promises == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/orga/2013/invitations/new/", "/orga/2013/invitations/import/"])
def test_the_internal_note_says_the_invitee_sees_it_in_their_export(client_as, edition, url):
    page = client_as("organiser").get(url).content.decode()
    assert "data export" in page and "organisers only" not in page
