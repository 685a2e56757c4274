from datetime import datetime, time

import pytest

from defdays.networking import services
from defdays.networking.models import MeetingPoint, NetworkingSlot
from defdays.registration.models import Participation, ParticipationStatus
from tests.factories import EditionFactory
from tests.programme.conftest import build_programme  # noqa: F401  (a fixture for the feed tests)


def participant(make_user, edition, *, status=ParticipationStatus.APPROVED, role="defender", listed=True, **fields):
    """A closed-part participant with a registration in `status` and, unless listed is None, a profile."""
    user = make_user(role, edition=edition, public_name=fields.pop("name", ""))
    Participation.objects.create(user=user, edition=edition, data_key=user.data_key, role=role, status=status)
    if listed is not None:
        was = Participation.objects.get(user=user, edition=edition).status
        # The service refuses anyone not in standing: give them standing for the save, then put the status back.
        Participation.objects.filter(user=user, edition=edition).update(status=ParticipationStatus.APPROVED)
        services.profile_save(
            user=user,
            edition=edition,
            listed=listed,
            languages=fields.get("languages", "English"),
            areas=fields.get("areas", "Media"),
            about=fields.get("about", ""),
            country=fields.get("country", ""),
            organisation=fields.get("organisation", ""),
        )
        Participation.objects.filter(user=user, edition=edition).update(status=was)
    return user


@pytest.fixture
def people(make_user, edition):
    def make(**kwargs):
        return participant(make_user, kwargs.pop("edition", edition), **kwargs)

    return make


@pytest.fixture
def other_edition(db, edition):
    return EditionFactory(year=2014)


@pytest.fixture
def places(edition):
    day = edition.days()[0]
    slots = [
        NetworkingSlot.objects.create(
            edition=edition,
            starts_at=datetime.combine(day, time(12 + n), tzinfo=edition.tz),
            ends_at=datetime.combine(day, time(12 + n, 30), tzinfo=edition.tz),
        )
        for n in range(2)
    ]
    point = MeetingPoint.objects.create(edition=edition, name="Table Zanzibar")
    return slots, point


def page_text(response) -> str:
    """The page without what differs on every response (CSRF tokens, CSP nonces) and without the uid asked for
    (the page's own path is in its language form), to compare two answers."""
    import re

    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uid>", response.content.decode())
    return re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', r'\1=""', text)
