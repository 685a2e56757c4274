import pytest
from django.urls import reverse

from defdays.accounts.selectors import listable_users
from defdays.audit.models import AuditEvent
from defdays.people import selectors
from defdays.people.services import set_hidden
from tests.conftest import sign_in
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def participants(make_user, edition):
    return [make_user("defender", edition=edition, public_name=f"Participant {n}") for n in range(3)]


def test_hiding_myself_removes_me_from_every_list_at_once(client, participants):
    me = participants[0]
    sign_in(client, me)
    assert client.post(reverse("people:hide"), {"hidden": "1"}).status_code == 302
    assert me not in listable_users()
    assert set(listable_users()) >= set(participants[1:])
    page = client.get(reverse("people:hide")).content.decode()
    assert "Show me in lists again" in page
    client.post(reverse("people:hide"), {"hidden": "0"})
    assert me in listable_users()
    events = list(
        AuditEvent.objects.filter(action__startswith="people.").order_by("id").values_list("action", "detail__by")
    )
    assert events == [("people.hidden", "self"), ("people.unhidden", "self")]


def test_a_junk_value_changes_nothing(client, participants):
    sign_in(client, participants[0])
    assert client.post(reverse("people:hide"), {"hidden": "yes please"}).status_code == 302
    assert not participants[0].is_hidden


def test_the_safety_team_sees_and_changes_who_is_hidden(client, make_user, edition, participants):
    safety = make_user("safety", edition=edition)
    sign_in(client, safety)
    url = reverse("people:safety_hidden", kwargs={"year": edition.year})
    page = client.get(url).content.decode()
    assert "Nobody is hidden" in page
    assert client.post(url, {"action": "hide", "person": participants[1].pk}).status_code == 302
    assert participants[1].is_hidden and participants[1] not in listable_users()
    page = client.get(url).content.decode()
    assert "Participant 1" in page.split("Hide a participant")[0]  # in the hidden list
    event = AuditEvent.objects.get(action="people.hidden")
    # The safety team member is recorded; the person is not (the audit log must not tell a dump who hides).
    assert (event.actor_id, event.target_id, event.detail["by"], event.edition_id) == (
        safety.pk,
        "",
        "safety",
        edition.pk,
    )
    client.post(url, {"action": "unhide", "person": participants[1].pk, "reason": "mistake"})
    assert not participants[1].is_hidden


def test_the_safety_team_cannot_reach_people_of_another_edition(client, make_user, edition):
    other_edition = EditionFactory(year=2014)
    outsider = make_user("defender", edition=other_edition, public_name="Outsider")
    set_hidden(outsider, True, actor=outsider)
    sign_in(client, make_user("safety", edition=edition))
    url = reverse("people:safety_hidden", kwargs={"year": edition.year})
    assert "Outsider" not in client.get(url).content.decode()
    client.post(url, {"action": "unhide", "person": outsider.pk})
    client.post(url, {"action": "unhide", "person": "not-a-number"})
    response = client.post(url, {"action": "hide", "person": "99999"})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert outsider.is_hidden


@pytest.mark.parametrize("role", ["organiser", "defender", "travel", "volunteer"])
def test_only_the_safety_team_opens_the_safety_view(client_as, edition, role):
    client = client_as(role)
    assert client.get(reverse("people:safety_hidden", kwargs={"year": edition.year})).status_code == 403


def test_the_safety_view_needs_two_factor(client_as, edition):
    client = client_as("safety", verified=False)
    response = client.get(reverse("people:safety_hidden", kwargs={"year": edition.year}))
    assert response.status_code == 302 and "2fa" in response["Location"]


def test_the_safety_view_shows_public_names_only(client, make_user, edition):
    hidden = make_user("defender", edition=edition, public_name="Quiet One", email="quiet.secret@example.org")
    set_hidden(hidden, True, actor=hidden)
    sign_in(client, make_user("safety", edition=edition))
    page = client.get(reverse("people:safety_hidden", kwargs={"year": edition.year})).content.decode()
    assert "Quiet One" in page and "quiet.secret" not in page


def test_selectors_skip_staff_and_erased_people(make_user, edition, participants):
    make_user("organiser", edition=edition)
    assert set(selectors.participants_of(edition)) == set(participants)


def test_the_orga_home_shows_the_hidden_people_card_to_the_safety_team_only(client, make_user, edition):
    url = reverse("people:safety_hidden", kwargs={"year": edition.year})
    orga_home = reverse("editions:orga_home", kwargs={"year": edition.year})
    sign_in(client, make_user("safety", edition=edition))
    assert f'href="{url}"' in client.get(orga_home).content.decode()
    client.logout()
    sign_in(client, make_user("organiser", edition=edition))
    assert f'href="{url}"' not in client.get(orga_home).content.decode()


def test_the_safety_team_shows_someone_again_only_with_a_reason_the_person_is_told(
    client, make_user, edition, participants, mailoutbox
):
    me = participants[0]
    set_hidden(me, True, actor=me)
    safety = make_user("safety", edition=edition)
    sign_in(client, safety)
    url = reverse("people:safety_hidden", kwargs={"year": edition.year})
    assert 'name="reason"' in client.get(url).content.decode()
    for junk in ({}, {"reason": ""}, {"reason": "because"}):
        client.post(url, {"action": "unhide", "person": me.pk, **junk})
        assert me.is_hidden and mailoutbox == [], junk
    with pytest.raises(ValueError):  # the service refuses too, whoever calls it
        set_hidden(me, False, actor=safety, edition=edition)
    assert me.is_hidden

    client.post(url, {"action": "unhide", "person": me.pk, "reason": "asked"})
    assert not me.is_hidden
    event = AuditEvent.objects.get(action="people.unhidden")
    assert (event.actor_id, event.target_id, event.detail) == (safety.pk, "", {"by": "safety", "reason": "asked"})
    assert [message.to for message in mailoutbox] == [[me.email]]
    message = mailoutbox[0]
    assert message.subject == "A change to your account"  # neutral: nothing about hiding or safety
    assert "you asked them to show you again" in message.body and reverse("people:hide") in message.body


def test_the_person_shows_themselves_again_without_a_reason_or_an_email(client, participants, mailoutbox):
    me = participants[0]
    set_hidden(me, True, actor=me)
    sign_in(client, me)
    client.post(reverse("people:hide"), {"hidden": "0"})
    assert not me.is_hidden and mailoutbox == []
