"""For every output and every audience: no closed item, closed speaker, Chatham House speaker, unconsented or hidden
speaker appears where it must not."""

import json

import pytest
from django.urls import reverse

from defdays.programme.models import Speaker
from tests.conftest import sign_in
from tests.programme.conftest import json_events

pytestmark = pytest.mark.django_db

OPEN_TITLES = ["Open Panel Title", "Open Chatham Title"]
CLOSED_TITLES = ["Closed Training Title", "Chatham Strategy Title"]
ALL_NAMES = [
    "Mrs Public Figure",
    "Speaker OPEN_CONSENTING",
    "Speaker OPEN_SHY",
    "Speaker CLOSED_TRAINER",
    "Speaker CHATHAM_CONSENTING",
    "Speaker CHATHAM_SHY",
    "Speaker HIDDEN",
]
EXPECTED_NAMES = {
    "public": {"Mrs Public Figure", "Speaker OPEN_CONSENTING"},
    # Closed part: closed sessions' speakers, consenting Chatham House speakers; never unconsented public naming.
    "closed": {"Mrs Public Figure", "Speaker OPEN_CONSENTING", "Speaker CLOSED_TRAINER", "Speaker CHATHAM_CONSENTING"},
    "staff": set(ALL_NAMES) - {"Speaker HIDDEN"},
}
VIEWERS = [
    (None, "public"),
    ("attendee", "public"),
    ("defender", "closed"),
    ("stakeholder", "closed"),
    ("speaker", "closed"),
    ("organiser", "staff"),
    ("programme", "staff"),
    ("volunteer", "public"),
    ("travel", "public"),
    ("jury", "public"),
]


def outputs(client, year=2013):
    pages = {
        name: reverse(f"programme:{name}", kwargs={"year": year})
        for name in ("schedule", "schedule_ics", "schedule_xml", "schedule_json", "schedule_changes", "schedule_now")
    }
    for day in range(1, 5):
        pages[f"day{day}"] = reverse("programme:schedule_day", kwargs={"year": year, "day": day})
    result = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        result[name] = response.content.decode().replace("\r\n ", "")  # unfold iCalendar lines
    return result


@pytest.mark.parametrize("role,audience", VIEWERS)
def test_every_output_shows_exactly_what_the_audience_may_see(
    client, make_user, edition, build_programme, role, audience
):
    build_programme()
    if role:
        sign_in(client, make_user(role, edition=edition))
    everything = outputs(client)
    whole = "\n".join(body for name, body in everything.items() if name not in ("schedule_changes", "schedule_now"))
    for title in OPEN_TITLES:
        assert title in everything["schedule"] and title in everything["schedule_ics"]
        assert title in everything["schedule_xml"] and title in everything["schedule_json"]
    for title in CLOSED_TITLES:
        if audience == "public":
            for name, body in everything.items():
                assert title not in body, (title, name)
        else:
            assert title in everything["schedule"] and title in everything["schedule_xml"]
            assert title in everything["schedule_json"] and title in everything["schedule_ics"]
    for person in ALL_NAMES:
        if person in EXPECTED_NAMES[audience]:
            assert person in whole, person
        else:
            for name, body in everything.items():
                assert person not in body, (person, name)


@pytest.mark.parametrize("role,audience", VIEWERS)
def test_session_and_speaker_pages_answer_404_outside_the_audience(
    client, make_user, edition, build_programme, role, audience
):
    built = build_programme()
    if role:
        sign_in(client, make_user(role, edition=edition))
    closed = client.get(reverse("programme:session", kwargs={"year": 2013, "slug": built.sessions["chatham"].slug}))
    missing = client.get(reverse("programme:session", kwargs={"year": 2013, "slug": "no-such-session"}))
    assert missing.status_code == 404
    assert closed.status_code == (404 if audience == "public" else 200)
    if audience != "public":
        body = closed.content.decode()
        assert ("Speaker CHATHAM_SHY" in body) is (audience == "staff")
    for key, speaker in built.speakers.items():
        page = client.get(reverse("programme:speaker", kwargs={"year": 2013, "slug": speaker.slug}))
        named = speaker.display_name in EXPECTED_NAMES[audience]
        assert page.status_code == (200 if named else 404), (key, audience)
        if named:
            body = page.content.decode()
            for title in CLOSED_TITLES if audience == "public" else []:
                assert title not in body


def test_staff_account_before_two_factor_sees_only_the_public_part(client, make_user, edition, build_programme):
    build_programme()
    sign_in(client, make_user("organiser", edition=edition), verified=False)
    body = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    assert "Open Panel Title" in body and "Closed Training Title" not in body


def test_a_speaker_hidden_after_publish_disappears_at_once(client, edition, build_programme):
    built = build_programme()
    url = reverse("programme:schedule_json", kwargs={"year": 2013})
    assert "Speaker OPEN_CONSENTING" in client.get(url).content.decode()
    user = built.people["open_consenting"]
    from defdays.people.services import set_hidden

    set_hidden(user, True, actor=user)
    data = json.loads(client.get(url).content)
    names = {p["name"] for s in json_events(data) for p in s["persons"]}
    assert names == {"Mrs Public Figure"}
    assert (
        client.get(
            reverse("programme:speaker", kwargs={"year": 2013, "slug": Speaker.objects.get(user=user).slug})
        ).status_code
        == 404
    )


def test_public_sees_the_working_copy_only_after_publishing(client, edition, build_programme):
    built = build_programme()
    from defdays.programme import services

    services.save_session(edition, built.sessions["open_panel"], {"title": "Renamed Panel"}, actor=None)
    url = reverse("programme:schedule", kwargs={"year": 2013})
    assert "Renamed Panel" not in client.get(url).content.decode()
    services.publish(edition, "Second", actor=None)
    assert "Renamed Panel" in client.get(url).content.decode()


def test_nothing_published_yet_gives_a_clear_page_and_404_exports(client, edition, build_programme):
    build_programme(publish=False)
    page = client.get(reverse("programme:schedule", kwargs={"year": 2013}))
    assert page.status_code == 200 and b"not been published" in page.content
    assert b"Open Panel Title" not in page.content
    assert client.get(reverse("programme:schedule_json", kwargs={"year": 2013})).status_code == 404


def test_a_track_used_only_in_the_closed_part_is_not_in_the_public_programme(edition, make_user):
    """The filtered programme is the one gate: what it holds, any output may show. So a closed-only track's name
    (it can say what the closed part is about) stays out of it, not only out of the exports that check again."""
    from defdays.programme import selectors, services
    from defdays.programme.models import Track
    from defdays.programme.snapshot import Audience
    from tests.programme.conftest import session_fields

    closed = Track.objects.create(edition=edition, name="Exile Networks")
    open_track = Track.objects.create(edition=edition, name="Public Advocacy")
    services.save_session(
        edition, None, session_fields(edition, "Closed one", audience="closed", track=closed), actor=None
    )
    services.save_session(edition, None, session_fields(edition, "Open one", hour=12, track=open_track), actor=None)
    services.publish(edition, "v1", actor=None)
    public = selectors.programme_for(None, edition, audience=Audience.PUBLIC)
    assert public.track_names == ["Public Advocacy"]
    assert "Exile Networks" not in json.dumps(public.data)
    staff = selectors.programme_for(None, edition, audience=Audience.STAFF)
    assert staff.track_names == ["Exile Networks", "Public Advocacy"]
