"""The directory shows a profile only to listed, approved closed-part participants of the same edition; a block,
an unlisted, hidden, foreign or unknown person are one and the same 404."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from defdays.networking import selectors
from defdays.people import services as people_services
from defdays.registration.models import ParticipationStatus as S
from tests.conftest import sign_in
from tests.networking.conftest import page_text

pytestmark = pytest.mark.django_db


def person_url(profile_uid, year=2013):
    return reverse("networking:person", kwargs={"year": year, "uid": profile_uid})


def uid_of(user, edition):
    return selectors.own_profile(user, edition).uid


def test_a_profile_shows_only_to_listed_approved_closed_part_participants_of_the_edition(
    people, edition, other_edition, make_user
):
    viewer = people(name="Viewer")
    listed = people(name="Listed Lark", role="stakeholder")
    checked_in = people(name="Checked Crane", status=S.CHECKED_IN)
    people(name="Unlisted Umbra", listed=False)
    people(name="Pending Puffin", status=S.REGISTERED)
    people(name="Declined Dove", status=S.DECLINED)
    people(name="No Profile", listed=None)
    people(name="Elsewhere Egret", edition=other_edition)
    hidden = people(name="Hidden Heron")
    people_services.set_hidden(hidden, True, actor=hidden)
    people_services.erase(people(name="Erased Eider"))

    names = [p.user.public_name for p in selectors.visible_profiles(viewer, edition)]
    assert names == ["Checked Crane", "Listed Lark"]
    # Those who are not in the directory themselves see nobody in it.
    for outsider in (
        people(name="Unlisted Viewer", listed=False),
        people(name="Pending Viewer", status=S.REGISTERED),
        make_user("organiser", edition=edition),
        make_user("attendee", edition=edition),
    ):
        assert list(selectors.visible_profiles(outsider, edition)) == []
    assert checked_in in [p.user for p in selectors.visible_profiles(listed, edition)]


def test_a_blocked_person_gets_the_404_of_an_unknown_one_both_ways(people, edition):
    one, other = people(name="Blocker Bee"), people(name="Blocked Bat")
    client = sign_in(Client(), one)
    assert client.get(person_url(uid_of(other, edition))).status_code == 200
    client.post(reverse("networking:block", kwargs={"year": 2013, "uid": uid_of(other, edition)}))
    client = sign_in(Client(), other)
    unknown = client.get(person_url(uuid.uuid4()))
    blocked = client.get(person_url(uid_of(one, edition)))
    assert unknown.status_code == blocked.status_code == 404
    assert page_text(blocked) == page_text(unknown)
    assert "Blocker Bee" not in client.get(reverse("networking:directory", kwargs={"year": 2013})).content.decode()
    client = sign_in(Client(), one)
    assert client.get(person_url(uid_of(other, edition))).status_code == 404


def test_hiding_takes_a_listed_person_out_of_the_directory_at_once(client, people, edition):
    viewer, heron = people(name="Viewer"), people(name="Heron Listed")
    sign_in(client, viewer)
    directory = reverse("networking:directory", kwargs={"year": 2013})
    assert "Heron Listed" in client.get(directory).content.decode()
    people_uid = uid_of(heron, edition)
    people_services.set_hidden(heron, True, actor=heron)
    assert "Heron Listed" not in client.get(directory).content.decode()
    assert client.get(person_url(people_uid)).status_code == 404
