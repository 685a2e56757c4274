"""Naming speakers: two consents kept apart, given by the speaker, asked again when the setting changes; a version
that names someone publicly for the first time needs an organiser; the public changelog never names a closed
session."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from defdays.programme import services
from defdays.programme.models import ScheduleVersion, SessionSpeaker
from tests.conftest import sign_in
from tests.programme.conftest import give_consent, session_fields

pytestmark = pytest.mark.django_db


def public_names(client):
    """The public export names: the iCalendar feed (it lists sessions without a room too), lines unfolded."""
    return client.get(reverse("programme:schedule_ics", kwargs={"year": 2013})).content.decode().replace("\r\n ", "")


@pytest.fixture
def speaker(edition, make_user):
    user = make_user("speaker", edition=edition, public_name="Speaker Quiet")
    return services.speaker_for_user(edition, user)


def test_the_programme_team_cannot_consent_for_a_speaker_with_an_account(edition, speaker):
    session = services.save_session(edition, None, session_fields(edition, "Open Panel"), actor=None)
    with pytest.raises(ValidationError):
        services.add_speaker(session, speaker, role="speaker", consent_public=True, actor=None)
    with pytest.raises(ValidationError):
        services.add_speaker(session, speaker, role="speaker", consent_closed=True, actor=None)
    assert not SessionSpeaker.objects.filter(consent_public=True).exists()


def test_consent_to_the_closed_part_is_not_consent_to_the_public(client, edition, speaker, make_user):
    chatham = services.save_session(
        edition, None, session_fields(edition, "Chatham Talk", chatham_house=True, audience="closed"), actor=None
    )
    panel = services.save_session(edition, None, session_fields(edition, "Open Panel", hour=15), actor=None)
    for session in (chatham, panel):
        link = services.add_speaker(session, speaker, role="speaker", actor=None)
        services.speaker_set_consent(speaker.user, link=link, consent_closed=True, consent_public=False)
    services.publish(edition, "v1", actor=None)  # nobody named publicly: no approval needed
    assert "Speaker Quiet" not in public_names(client)
    sign_in(client, make_user("defender", edition=edition))
    body = client.get(reverse("programme:session", kwargs={"year": 2013, "slug": chatham.slug})).content.decode()
    assert "Speaker Quiet" in body
    body = client.get(reverse("programme:session", kwargs={"year": 2013, "slug": panel.slug})).content.decode()
    assert "Speaker Quiet" not in body


def test_the_speaker_answers_on_their_own_page_and_nobody_else_can(client, edition, speaker, make_user):
    panel = services.save_session(edition, None, session_fields(edition, "Open Panel"), actor=None)
    link = services.add_speaker(panel, speaker, role="speaker", actor=None)
    url = reverse("programme:speaking", kwargs={"year": 2013})
    other = make_user("speaker", edition=edition)
    sign_in(client, other)
    assert "Open Panel" not in client.get(url).content.decode()
    assert client.post(url, {"link": link.pk, f"link{link.pk}-consent_public": "on"}).status_code == 404
    sign_in(client, speaker.user)
    page = client.get(url).content.decode()
    assert "Open Panel" in page and f"link{link.pk}-consent_public" in page
    assert f"link{link.pk}-consent_closed" not in page  # not a Chatham House session: not asked
    assert client.post(url, {"link": link.pk, f"link{link.pk}-consent_public": "on"}).status_code == 302
    assert SessionSpeaker.objects.get(pk=link.pk).consent_public is True
    with pytest.raises(PermissionDenied):
        services.speaker_set_consent(other, link=link, consent_closed=False, consent_public=False)


@pytest.mark.parametrize("change", [{"audience": "closed"}, {"chatham_house": True}])
def test_a_change_of_audience_or_chatham_flag_asks_the_speaker_again(client, edition, speaker, change):
    panel = services.save_session(edition, None, session_fields(edition, "Open Panel"), actor=None)
    give_consent(panel, speaker, True)
    services.save_session(edition, panel, {"title": "Open Panel, renamed"}, actor=None)  # other edits: kept
    assert SessionSpeaker.objects.get(session=panel).consent_public is True
    mail.outbox.clear()
    services.save_session(edition, panel, change, actor=None)
    link = SessionSpeaker.objects.get(session=panel)
    assert (link.consent_closed, link.consent_public) == (False, False)
    assert [m.to[0] for m in mail.outbox] == [speaker.user.email]
    assert "/me/agenda/2013/speaking/" in mail.outbox[0].body and mail.outbox[0].subject == "Your sessions as a speaker"
    services.save_session(edition, panel, {"audience": "open", "chatham_house": False}, actor=None)
    services.publish(edition, "v1", actor=None)
    assert "Speaker Quiet" not in public_names(client)


def test_a_version_that_newly_names_someone_publicly_needs_an_organiser(client, client_as, edition, speaker):
    panel = services.save_session(edition, None, session_fields(edition, "Open Panel"), actor=None)
    give_consent(panel, speaker, True)
    url = reverse("programme:orga_versions", kwargs={"year": 2013})

    team = client_as("programme")
    page = team.get(url).content.decode()
    assert "Speaker Quiet" in page and "approve_public_names" not in page
    refused = team.post(
        url, {"name": "v1", "expected_latest": 0, "approve_public_names": "on", "confirm": "yes"}, follow=True
    )
    assert "needs an organiser" in refused.content.decode()
    with pytest.raises(services.NeedsApproval):
        services.publish(edition, "v1", actor=team.user, approve_public_names=True)
    assert not ScheduleVersion.objects.exists()

    organiser = client_as("organiser")
    assert "approve_public_names" in organiser.get(url).content.decode()
    organiser.post(url, {"name": "v1", "expected_latest": 0, "confirm": "yes"})  # not ticked: still refused
    assert not ScheduleVersion.objects.exists()
    organiser.post(url, {"name": "v1", "expected_latest": 0, "approve_public_names": "on", "confirm": "yes"})
    assert ScheduleVersion.objects.count() == 1
    client.logout()
    assert "Speaker Quiet" in public_names(client)

    # Nobody new named publicly: the programme team publishes alone.
    services.save_session(edition, panel, {"title": "Open Panel, renamed"}, actor=None)
    services.publish(edition, "v2", actor=client_as("programme").user)
    assert ScheduleVersion.objects.count() == 2


def test_the_public_changelog_never_names_a_closed_session(client, edition, make_user):
    services.publish(edition, "v1", actor=None)  # the first version lists no changes
    mistake = services.save_session(edition, None, session_fields(edition, "Mistaken Strategy Title"), actor=None)
    gone = services.save_session(edition, None, session_fields(edition, "Really Cancelled Title", hour=15), actor=None)
    services.publish(edition, "v2", actor=None)  # published as open by mistake: "new" for the public
    services.save_session(edition, mistake, {"audience": "closed"}, actor=None)
    services.set_status(gone, "cancelled", actor=None)
    services.publish(edition, "v3", actor=None)  # moved to the closed part: would read "cancelled"
    url = reverse("programme:schedule_changes", kwargs={"year": 2013})
    public = client.get(url).content.decode()
    assert "Mistaken Strategy Title" not in public
    assert "Really Cancelled Title" in public  # a real cancellation of an open session is still news
    sign_in(client, make_user("defender", edition=edition))
    assert "Mistaken Strategy Title" in client.get(url).content.decode()


def test_the_publish_page_lists_a_hidden_person_without_their_name(client_as, edition, build_programme):
    build_programme(publish=False)
    page = client_as("organiser").get(reverse("programme:orga_versions", kwargs={"year": 2013})).content.decode()
    assert "Speaker OPEN_CONSENTING" in page and "Mrs Public Figure" in page
    assert "Speaker HIDDEN" not in page and "(hidden person)" in page
