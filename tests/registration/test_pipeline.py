import csv
import io

import pytest
from django.urls import reverse

from defdays.audit.models import AuditEvent
from defdays.registration import services
from defdays.registration.models import Participation, ParticipationStatus, RegistrationSettings

pytestmark = pytest.mark.django_db
S = ParticipationStatus


@pytest.fixture
def participate(edition, make_user):
    def make(status=S.REGISTERED, role="defender", **user_kwargs):
        user = make_user(role, edition=edition, **user_kwargs)
        participation = services.register(
            user, edition, role, days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )
        Participation.objects.filter(pk=participation.pk).update(status=status)
        participation.refresh_from_db()
        return participation

    return make


def test_pipeline_counts_filters_and_hides_hidden_people(client_as, edition, participate):
    participate(S.REGISTERED, public_name="Reg One")
    participate(S.APPROVED, public_name="App One", role="stakeholder")
    hidden = participate(S.APPROVED, public_name="Hidden One")
    from defdays.people.services import set_hidden

    set_hidden(hidden.user, True, actor=hidden.user)
    client = client_as("organiser")
    page = client.get(reverse("registration:participants", kwargs={"year": 2013}))
    text = page.content.decode()
    assert "Reg One" in text and "App One" in text and "Hidden One" not in text
    counts = {value: n for value, _label, n in page.context["status_counts"]}
    assert counts["registered"] == 1 and counts["approved"] == 1
    filtered = client.get(reverse("registration:participants", kwargs={"year": 2013}) + "?role=stakeholder")
    assert "App One" in filtered.content.decode() and "Reg One" not in filtered.content.decode()
    export = client.get(reverse("registration:export", kwargs={"year": 2013}))
    assert b"Hidden One" not in export.content


def test_participant_list_query_count_does_not_grow(client_as, edition, participate, django_assert_max_num_queries):
    client = client_as("organiser")
    for n in range(3):
        participate(public_name=f"P{n}")
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("registration:participants", kwargs={"year": 2013}))
    for n in range(3, 23):
        participate(public_name=f"P{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("registration:participants", kwargs={"year": 2013}))
    assert response.content.count(b"<tr>") >= 23


def test_approve_decline_and_refused_steps(client_as, edition, participate):
    client = client_as("organiser")
    participation = participate(S.REGISTERED)
    decide = reverse("registration:decide", kwargs={"year": 2013, "uid": participation.uid})
    client.post(decide, {"step": "approve"})
    participation.refresh_from_db()
    assert participation.status == S.APPROVED
    client.post(decide, {"step": "decline"})
    participation.refresh_from_db()
    assert participation.status == S.DECLINED
    with pytest.raises(services.TransitionRefused):
        services.decide(participation, "check_in", actor=None)
    assert AuditEvent.objects.filter(action="registration.approve", actor=client.user).exists()


def test_approval_setting_is_an_organiser_switch(client_as, edition):
    client = client_as("organiser")
    client.post(reverse("registration:approval_setting", kwargs={"year": 2013}), {"approval_required": "on"})
    assert RegistrationSettings.objects.get(edition=edition).approval_required


def test_csv_export_escapes_formulas_and_is_audited(client_as, edition, participate):
    for name in ('=HYPERLINK("http://evil")', "+1", "-2", "@SUM", "\tTab", "Plain"):
        participate(public_name=name)
    client = client_as("organiser")
    response = client.get(reverse("registration:export", kwargs={"year": 2013}))
    assert response["Content-Type"].startswith("text/csv")
    names = [row[0] for row in csv.reader(io.StringIO(response.content.decode()))][1:]
    assert sorted(names) == sorted(['\'=HYPERLINK("http://evil")', "'+1", "'-2", "'@SUM", "'\tTab", "Plain"])
    assert AuditEvent.objects.filter(action="export", actor=client.user, detail__kind="participants.csv").exists()


def test_reading_access_needs_is_audited(client_as, edition, participate):
    participation = participate()
    participation.access_needs = "A quiet room"
    participation.save()
    client = client_as("organiser")
    page = client.get(reverse("registration:participant", kwargs={"year": 2013, "uid": participation.uid}))
    assert b"A quiet room" in page.content
    assert AuditEvent.objects.filter(action="restricted.read", target_id=str(participation.pk)).exists()


def test_participant_manages_their_registration_and_withdraws(client, edition, participate):
    from tests.conftest import sign_in

    participation = participate(S.APPROVED)
    sign_in(client, participation.user)
    mine = reverse("registration:mine", kwargs={"year": 2013})
    assert mine.encode() in client.get(reverse("accounts:me")).content  # the "me" card
    days = [d.isoformat() for d in edition.days()[:2]]
    response = client.post(mine, {"days": days, "photo_consent": "public", "access_needs": "Ramp"})
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.days == days and participation.photo_consent == "public"
    assert participation.access_needs == "Ramp"
    client.post(reverse("registration:withdraw", kwargs={"year": 2013}), {"confirm": "yes"})
    participation.refresh_from_db()
    assert participation.status == S.WITHDRAWN
    assert b"You have withdrawn" in client.get(mine).content


def test_nobody_reaches_another_persons_registration(client_as, edition, participate):
    participate(S.APPROVED)
    client = client_as("defender")  # holds the role but has no registration of their own
    assert client.get(reverse("registration:mine", kwargs={"year": 2013})).status_code == 404
    assert client.post(reverse("registration:withdraw", kwargs={"year": 2013}), {"confirm": "yes"}).status_code == 404
    assert not Participation.objects.filter(status=S.WITHDRAWN).exists()


def test_check_in_only_after_approval(edition, participate):
    participation = participate(S.REGISTERED)
    with pytest.raises(services.TransitionRefused):
        services.decide(participation, "check_in", actor=None)
    services.decide(participation, "approve", actor=None)
    assert services.decide(participation, "check_in", actor=None).status == S.CHECKED_IN


def test_the_me_card_shows_only_to_people_with_a_registration(client_as, edition):
    client = client_as("defender")
    assert (
        reverse("registration:mine", kwargs={"year": 2013}).encode() not in client.get(reverse("accounts:me")).content
    )
