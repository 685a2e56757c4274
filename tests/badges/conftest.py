from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from defdays.badges import services
from defdays.badges.models import Badge
from defdays.registration.models import Participation, ParticipationStatus, PhotoConsent

# The first conference day, mid-morning in Stockholm.
ON_2_APRIL = datetime(2013, 4, 2, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def on_2_april():
    with time_machine.travel(ON_2_APRIL, tick=False):
        yield


@pytest.fixture
def participant(edition, make_user):
    def make(
        public_name="Ana Canary",
        *,
        status=ParticipationStatus.APPROVED,
        days=("2013-04-02", "2013-04-03"),
        consent=PhotoConsent.NONE,
        in_edition=None,
    ):
        where = in_edition or edition
        user = make_user("defender", edition=where, public_name=public_name)
        participation = Participation(
            user=user,
            edition=where,
            role="defender",
            data_key=user.data_key,
            status=status,
            days=list(days),
            photo_consent=consent,
        )
        participation.access_needs = "ACCESS-NEEDS-CANARY wheelchair"
        participation.save()
        return participation

    return make


def code_of(participation) -> str:
    _badge, code = services.badge_for(participation)
    return code


def badge_of(participation) -> Badge | None:
    return Badge.objects.filter(participation=participation).first()
