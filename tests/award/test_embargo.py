"""The embargo. Before the announcement no page, feed, export or email names the laureate or the shortlist for
anyone but organisers and jury; at the time the worker announces; afterwards only the laureate is named, a
non-winner never."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from defdays.audit.models import AuditEvent
from defdays.audit.services import Action
from defdays.award import embargo, services
from defdays.award.models import AwardCycle, Nomination
from defdays.award.tasks import announce_due
from defdays.core import generation
from tests.award.conftest import nominate
from tests.conftest import sign_in
from tests.security.crawl import build_demo, client_for, concrete_urls

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MORNING = datetime(2013, 4, 4, 9, 0, tzinfo=STOCKHOLM)
CEREMONY = datetime(2013, 4, 4, 16, 30, tzinfo=STOCKHOLM)
EVENING = datetime(2013, 4, 4, 16, 31, tzinfo=STOCKHOLM)

WINNER, WINNER_COUNTRY = "Canarywinner Xoltan", "Canarycountry Wupland"
SHORTLISTED, LOSER = "Canaryshort Pemberly", "Canaryloser Quintrell"
VIEWERS = [None, "attendee", "defender", "stakeholder", "speaker"]  # anonymous, open session, closed part, speaker


def _canary_world():
    """The demo 2013 award, back before its announcement, with canary names for the laureate and the others."""
    build_demo()
    cycle = AwardCycle.objects.get(edition__year=2013)
    AwardCycle.objects.filter(pk=cycle.pk).update(announced_at=None, announce_at=CEREMONY)
    names = {cycle.laureate_id: (WINNER, WINNER_COUNTRY)}
    others = iter([(SHORTLISTED, "Shortcountry"), (LOSER, "Losercountry")])
    for nomination in Nomination.objects.filter(cycle=cycle).exclude(pk=cycle.laureate_id).order_by("pk"):
        names[nomination.pk] = next(others)
    for nomination in Nomination.objects.filter(cycle=cycle).select_related("data_key"):
        nomination.nominee_name, nomination.country = names[nomination.pk]
        nomination.shortlisted = nomination.pk == cycle.laureate_id or names[nomination.pk][0] == SHORTLISTED
        nomination.save()
    return AwardCycle.objects.get(pk=cycle.pk)


def _crawl():
    """Every URL of the site as every non-staff viewer: {(viewer, url): text}."""
    from defdays.programme.models import Session

    ceremony = Session.objects.get(edition__year=2013, type="award")
    urls = [url for _name, url, _rule in concrete_urls()]
    urls.append(reverse("programme:session", kwargs={"year": 2013, "slug": ceremony.slug}))
    seen = {}
    for key in VIEWERS:
        client = client_for(key)
        for url in urls:
            response = client.get(url)
            seen[(key, url)] = response.content.decode("utf-8", "replace") + str(response.headers)
    return seen


def _found(seen, canary):
    return sorted({where for where, text in seen.items() if canary in text}, key=str)


def test_no_canary_anywhere_before_the_announcement_and_only_the_laureate_after():
    with time_machine.travel(MORNING, tick=False):
        cycle = _canary_world()
        assert not embargo.is_announced(cycle.edition)
        before = _crawl()
        for canary in (WINNER, WINNER_COUNTRY, SHORTLISTED, LOSER):
            assert _found(before, canary) == [], canary
        for message in mail.outbox:
            assert not any(c in str(message.message()) for c in (WINNER, SHORTLISTED, LOSER))

    with time_machine.travel(EVENING, tick=False):
        assert announce_due.call(cycle_id=cycle.pk) is True
        after = _crawl()
        named = _found(after, WINNER)
        assert (None, "/2013/award/") in named and (None, "/laureates/") in named
        ceremony = [url for _viewer, url in named if "/sessions/" in url]
        assert ceremony, "the ceremony session names the laureate"
        for canary in (SHORTLISTED, LOSER):
            assert _found(after, canary) == [], canary
        for message in mail.outbox:
            assert not any(c in str(message.message()) for c in (SHORTLISTED, LOSER))


def test_the_worker_announces_at_the_time_and_not_before(edition, make_user):
    calls = []
    embargo.on_announcement(lambda ed: calls.append((ed.pk, generation.current())))
    organiser = make_user("organiser", edition=edition)
    cycle = services.cycle_for(edition)
    services.save_settings(
        cycle, nominations_open=True, deadline=None, public_form=False, criteria=["A"], announce_at=CEREMONY,
        actor=organiser,
    )  # fmt: skip
    laureate = nominate(cycle, "Someone")
    services.set_shortlisted(laureate, shortlisted=True, actor=organiser)
    laureate.refresh_from_db()
    services.record_decision(cycle, laureate=laureate, votes_for=3, votes_against=0, votes_abstained=0, actor=None)
    with time_machine.travel(MORNING, tick=False):
        assert announce_due.call(cycle_id=cycle.pk) is False
        assert not embargo.is_announced(edition)
    generation_before = generation.current()
    with time_machine.travel(EVENING, tick=False):
        assert announce_due.call(cycle_id=cycle.pk) is True
        assert embargo.is_announced(edition)
        assert announce_due.call(cycle_id=cycle.pk) is False  # twice: announced once
    cycle.refresh_from_db()
    assert cycle.announced_at == EVENING
    # The hook ran inside the transaction, after the generation moved on.
    assert len(calls) == 1 and calls[0][0] == edition.pk and calls[0][1] != generation_before
    assert AuditEvent.objects.filter(action=Action.AWARD_ANNOUNCED).count() == 1
    embargo._announcement_hooks.pop()


def test_an_organiser_moves_the_time_or_announces_by_hand(client, edition, make_user):
    organiser = make_user("organiser", edition=edition)
    cycle = services.cycle_for(edition)
    laureate = nominate(
        services.save_settings(
            cycle, nominations_open=True, deadline=None, public_form=False, criteria=["A"], announce_at=CEREMONY,
            actor=organiser,
        ),
        "By Hand",
    )  # fmt: skip
    laureate.shortlisted = True
    laureate.save()
    services.record_decision(cycle, laureate=laureate, votes_for=2, votes_against=1, votes_abstained=0, actor=None)
    with time_machine.travel(MORNING, tick=False):
        sign_in(client, organiser)
        response = client.post(
            reverse("award:orga", kwargs={"year": edition.year}),
            {"nominations_open": "on", "criteria": "A", "announce_at": "2013-04-05T10:00"},
        )
        assert response.status_code == 302
        cycle.refresh_from_db()
        assert cycle.announce_at == datetime(2013, 4, 5, 10, 0, tzinfo=STOCKHOLM)
    with time_machine.travel(EVENING, tick=False):
        assert announce_due.call(cycle_id=cycle.pk) is False  # moved to the next day
        assert "By Hand" not in client.get("/2013/award/").content.decode()
        sign_in(client, organiser)  # the morning's session has timed out
        assert client.post(reverse("award:announce", kwargs={"year": edition.year})).status_code == 302
        assert embargo.is_announced(edition)
        assert "By Hand" in client.get("/2013/award/").content.decode()


def test_nothing_is_announced_without_a_laureate(edition):
    cycle = services.cycle_for(edition)
    assert services.announce(cycle) is False
    assert not embargo.is_announced(edition)
