"""One nominator link, two submissions at the same moment: exactly one nomination. PostgreSQL, real threads; the
control run takes the row locks away and shows the race."""

import time

import pytest

from defdays.award import services
from defdays.award.models import AwardCycle, Nomination, NominatorLink, Source
from defdays.core.roles import RoleName
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(cycle, token, monkeypatch, *, unlocked: bool):
    monkeypatch.setattr(services, "_race_window", lambda: time.sleep(0.5))
    if unlocked:
        original = services.usable_link
        monkeypatch.setattr(services, "_locked", lambda c: AwardCycle.objects.select_related("edition").get(pk=c.pk))
        monkeypatch.setattr(services, "usable_link", lambda c, t, lock=False: original(c, t, lock=False))

    def attempt():
        try:
            services.submit_nomination(
                cycle, nominee_name="Race", country="C", field_of_work="F", why="W", risks="R",
                nominator_contact="n@example.org", files=[], source=Source.INVITED, token=token,
            )  # fmt: skip
            return "stored"
        except services.NominationsClosed:
            return "closed"

    return sorted(at_once(attempt, times=2, timeout=30))


@pytest.fixture
def open_cycle(edition, make_user):
    organiser = make_user(RoleName.ORGANISER, edition=edition)
    cycle = services.cycle_for(edition)
    services.save_settings(
        cycle, nominations_open=True, deadline=None, public_form=False, criteria=["A"], announce_at=None,
        actor=organiser,
    )  # fmt: skip
    return cycle, organiser


def test_two_submissions_with_one_link_store_one_nomination(open_cycle, monkeypatch):
    cycle, organiser = open_cycle
    token = services.create_nominator_link(cycle, actor=organiser)
    assert _race(cycle, token, monkeypatch, unlocked=False) == ["closed", "stored"]
    assert Nomination.objects.count() == 1 and NominatorLink.objects.get().used_at is not None


def test_control_without_the_locks_the_race_stores_two(open_cycle, monkeypatch):
    cycle, organiser = open_cycle
    token = services.create_nominator_link(cycle, actor=organiser)
    assert _race(cycle, token, monkeypatch, unlocked=True) == ["stored", "stored"]
