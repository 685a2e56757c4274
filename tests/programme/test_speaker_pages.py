"""Speakers' own pages: their edits reach the working copy only, within the deadline, on their own sessions."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from defdays.programme import services, speaker_pages
from defdays.programme.models import ScheduleVersion, Session, SessionMaterial
from tests.conftest import sign_in
from tests.core.test_uploads import pdf
from tests.programme.conftest import give_consent, session_fields

pytestmark = pytest.mark.django_db
Y = {"year": 2013}


@pytest.fixture
def world(edition, make_user):
    ada = make_user("speaker", edition=edition, public_name="Ada Trainer")
    bea = make_user("speaker", edition=edition, public_name="Bea Other")
    team = make_user("programme", edition=edition)
    ada_speaker = services.speaker_for_user(edition, ada)
    bea_speaker = services.speaker_for_user(edition, bea)
    open_talk = services.save_session(
        edition, None, session_fields(edition, "Open talk", abstract="Old words about safety."), actor=None
    )
    give_consent(open_talk, ada_speaker, True)
    closed_talk = services.save_session(
        edition, None, session_fields(edition, "Closed talk", audience="closed", hour=14), actor=None
    )
    give_consent(closed_talk, ada_speaker, False)
    others = services.save_session(edition, None, session_fields(edition, "Bea's talk", hour=16), actor=None)
    give_consent(others, bea_speaker, True)
    services.publish(edition, "v1", actor=None, approve_public_names=True)
    speaker_pages.set_deadline(edition=edition, until=timezone.now() + timedelta(minutes=30), actor=team)
    return {
        "ada": sign_in(Client(), ada),
        "team": sign_in(Client(), team),
        "open": open_talk,
        "closed": closed_talk,
        "others": others,
        "edition": edition,
    }


def page(pk):
    return reverse("programme:speaker_session", kwargs={**Y, "pk": pk})


def save_text(client, session, text):
    session.refresh_from_db()
    return client.post(page(session.pk), {"action": "text", "abstract": text, "revision": session.revision})


def public_session(session):
    session.refresh_from_db()
    return Client().get(reverse("programme:session", kwargs={**Y, "slug": session.slug})).content.decode()


def test_a_speakers_edit_goes_to_the_working_copy_and_the_team_sees_the_diff(world):
    response = save_text(world["ada"], world["open"], "New words about safety.")
    assert response.status_code == 302
    world["open"].refresh_from_db()
    assert world["open"].abstract == "New words about safety."
    # Never straight to the public page: the published version still holds the old text.
    assert "Old words" in public_session(world["open"]) and "New words" not in public_session(world["open"])
    diff = world["team"].get(reverse("programme:orga_speaker_edits", kwargs=Y)).content.decode()
    assert "<del>Old</del>" in diff and "<ins>New</ins>" in diff
    versions = world["team"].get(reverse("programme:orga_versions", kwargs=Y)).content.decode()
    assert "<ins>New</ins>" in versions
    services.publish(world["edition"], "v2", actor=None)
    assert "New words" in public_session(world["open"])


def test_a_speaker_cannot_touch_another_speakers_session(world):
    others = world["others"]
    assert world["ada"].get(page(others.pk)).status_code == 404
    assert save_text(world["ada"], others, "Hijacked").status_code == 404
    others.refresh_from_db()
    assert others.abstract != "Hijacked"
    with pytest.raises(Session.DoesNotExist):
        speaker_pages.update_session(
            user=_user(world["ada"]),
            session=others,
            abstract="Hijacked",
            expected_revision=others.revision,
        )


def _user(client):
    from django.contrib.auth import get_user

    return get_user(client)


def test_after_the_deadline_nothing_is_saved(world):
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = save_text(world["ada"], world["open"], "Too late.")
    assert response.status_code == 200 and "deadline" in response.content.decode()
    world["open"].refresh_from_db()
    assert world["open"].abstract == "Old words about safety."


def test_name_and_biography_wait_for_the_next_version(world):
    response = world["ada"].post(
        reverse("programme:speaker_profile", kwargs=Y), {"public_name": "A. T.", "bio": "Trainer since 2005."}
    )
    assert response.status_code == 302
    assert "A. T." not in public_session(world["open"])
    assert "Ada Trainer" in public_session(world["open"])
    services.publish(world["edition"], "v2", actor=None, approve_public_names=True)
    assert "A. T." in public_session(world["open"])


def upload_pdf(client, session, data, title="Handout"):
    return client.post(
        page(session.pk),
        {"action": "file", "file-title": title, "file-file": SimpleUploadedFile("h.pdf", data)},
    )


def test_an_active_pdf_is_refused(world):
    response = upload_pdf(world["ada"], world["open"], pdf(script=True))
    assert response.status_code == 400
    assert not SessionMaterial.objects.exists()


def test_materials_are_public_only_once_published_with_an_open_session(world):
    upload_pdf(world["ada"], world["open"], pdf(), title="Open handout")
    upload_pdf(world["ada"], world["closed"], pdf(), title="Closed handout")
    open_file = SessionMaterial.objects.get(title="Open handout")
    closed_file = SessionMaterial.objects.get(title="Closed handout")

    def url(material):
        return reverse("programme:material", kwargs={**Y, "uid": material.uid})

    anonymous = Client()
    assert world["ada"].get(url(open_file)).status_code == 200  # the speaker's own, before publication
    assert world["team"].get(url(closed_file)).status_code == 200  # the programme team previews
    assert anonymous.get(url(open_file)).status_code == 404  # not published yet
    services.publish(world["edition"], "v2", actor=None)
    assert ScheduleVersion.objects.count() == 2
    response = anonymous.get(url(open_file))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Open handout" in public_session(world["open"])
    assert anonymous.get(url(closed_file)).status_code == 404  # a closed session's file stays closed


def test_an_account_rename_still_follows_into_versions_published_before_a_programme_name(world):
    from defdays.people.services import update_profile

    ada = _user(world["ada"])
    speaker_pages.update_profile(user=ada, edition=world["edition"], public_name="A. T.", bio="")
    services.publish(world["edition"], "v2", actor=None, approve_public_names=True)
    update_profile(ada, public_name="Ada Moved", language=ada.language)
    first, second = ScheduleVersion.objects.order_by("number")
    sid = str(services.speaker_for_user(world["edition"], ada).pk)
    assert first.snapshot["speakers"][sid]["name"] == "Ada Moved"  # the old account name does not stay public
    assert second.snapshot["speakers"][sid]["name"] == "A. T."  # the name chosen for the programme stays
