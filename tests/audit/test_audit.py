import pytest
from django.db import connection, transaction
from django.urls import reverse

from defdays.audit import services as audit
from defdays.audit.models import AuditEvent
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_audit_events_cannot_be_changed_or_deleted(make_user, edition):
    event = audit.record("role.granted", target=edition, edition=edition, role="organiser")
    event.action = "something else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "role.granted"


@pytest.mark.postgres
def test_postgres_refuses_raw_updates_and_deletes_of_audit_events(edition):
    from django.db import DatabaseError

    event = audit.record("login", edition=edition)
    for sql in ("UPDATE core_auditevent SET action = 'x' WHERE id = %s", "DELETE FROM core_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "login"


def test_role_changes_are_audited_with_actor_and_role(client, make_user, edition):
    organiser = make_user("organiser", edition=edition)
    make_user("defender", edition=edition, email="grantee@example.org")
    sign_in(client, organiser)
    url = reverse("accounts:orga_roles", kwargs={"year": 2013})
    client.post(url, {"action": "grant", "email": "grantee@example.org", "role": "speaker"})
    event = AuditEvent.objects.get(action="role.granted", detail__role="speaker")
    assert event.actor == organiser and "organiser" in event.actor_roles and event.edition == edition
    role_id = organiser.roles.model.objects.get(role="speaker").pk
    client.post(url, {"action": "revoke", "role_id": str(role_id), "confirm": "yes"})
    assert AuditEvent.objects.filter(action="role.revoked", detail__role="speaker").exists()
    # Garbage in the form is a no-op, not an error page.
    assert client.post(url, {"action": "revoke", "role_id": "'; drop"}).status_code == 302


def test_organisers_filter_the_audit_log(client, make_user, edition):
    organiser = make_user("organiser", edition=edition)
    other = make_user("defender", edition=edition, public_name="Rowan Ash")
    audit.record("login", actor=other)
    audit.record("export", actor=organiser, edition=edition, what="participants")
    sign_in(client, organiser)
    url = reverse("audit:audit_log", kwargs={"year": 2013})
    page = client.get(url, {"action": "export"})
    actions = [event.action for event in page.context["page"]]
    assert actions == ["export"]
    by_actor = client.get(url, {"who": "rowan"}).context["page"]
    assert {event.actor_id for event in by_actor} == {other.pk}
    assert client.get(url, {"action": "no.such.action"}).status_code == 400
    assert client.get(url, {"since": "not-a-date"}).status_code == 400


def test_audit_text_holds_no_personal_data(client, make_user, edition):
    from tests.conftest import PASSWORD

    make_user("defender", edition=edition, email="private.person@example.org", public_name="Private Person")
    client.post(reverse("accounts:login"), {"email": "private.person@example.org", "password": PASSWORD})
    client.post(reverse("accounts:login"), {"email": "private.person@example.org", "password": "wrong wrong wrong"})
    for event in AuditEvent.objects.all():
        text = f"{event.action} {event.target_type} {event.target_id} {event.detail} {event.actor_roles}"
        assert "private.person" not in text and "Private Person" not in text


def test_audit_log_keeps_to_this_edition_and_never_names_hidden_people(client, make_user, edition):
    from defdays.people.services import set_hidden
    from tests.factories import EditionFactory

    later = EditionFactory(year=2014)
    organiser_2014 = make_user("organiser", edition=later)
    hidden = make_user("defender", edition=edition, public_name="Secret Defender Zed")
    visible = make_user("defender", edition=edition, public_name="Open Defender Yan")
    audit.record("login", actor=hidden)
    audit.record("login", actor=visible)
    set_hidden(hidden, True, actor=hidden)

    sign_in(client, organiser_2014)
    html_2014 = client.get(reverse("audit:audit_log", kwargs={"year": 2014})).content.decode()
    assert "Secret Defender Zed" not in html_2014 and "Open Defender Yan" not in html_2014
    assert "people.hidden" not in html_2014

    organiser_2013 = make_user("organiser", edition=edition)
    sign_in(client, organiser_2013)
    html_2013 = client.get(reverse("audit:audit_log", kwargs={"year": 2013})).content.decode()
    assert "Open Defender Yan" in html_2013
    assert "Secret Defender Zed" not in html_2013 and f"#{hidden.pk}" not in html_2013
    assert "people.hidden" not in html_2013


def test_organisers_cannot_follow_a_hidden_person_through_the_audit_log(client, make_user, edition):
    """An organiser who granted a role by email knows the number in `role.granted accounts.user 42`. Once the
    person hides, the log must neither keep showing their sign-ins nor mark them out as hidden."""
    from defdays.accounts.services import grant_role
    from defdays.people.services import erase, set_hidden

    organiser = make_user("organiser", edition=edition)
    person = make_user(edition=edition, public_name="Hidden Hawthorn")
    grant_role(person, edition, "speaker", actor=organiser)
    erased = make_user("defender", edition=edition, public_name="Erased Elm")
    audit.record("registration.registered", actor=erased, target=erased, edition=edition)
    erase(erased)
    set_hidden(person, True, actor=person)
    audit.record("login", actor=person, target=person)
    audit.record("profile.changed", actor=person, target=person, edition=edition)
    listed = make_user("defender", edition=edition, public_name="Listed Larch")
    audit.record("login", actor=listed, target=listed)

    sign_in(client, organiser)
    url = reverse("audit:audit_log", kwargs={"year": 2013})
    page = client.get(url)
    events = list(page.context["page"])
    html = page.content.decode()
    assert not [event for event in events if event.actor_id in (person.pk, erased.pk)]
    grants = [event for event in events if event.action == "role.granted" and event.detail["role"] == "speaker"]
    assert [(event.actor_id, event.shown_target_id) for event in grants] == [(organiser.pk, "")]
    assert person.public_name not in html and erased.public_name not in html and "not shown" not in html
    assert listed.public_name in html  # a listed person is named, as the actor and as a target
    assert not list(client.get(url, {"who": person.public_name}).context["page"])
    # The stored record is unchanged: the safety team's trail still says who.
    assert AuditEvent.objects.filter(action="login", actor=person, target_id=str(person.pk)).exists()


def test_roles_page_leaves_hidden_people_out(client, make_user, edition):
    from defdays.people.services import set_hidden

    hidden = make_user("defender", edition=edition, public_name="Hidden Heron")
    set_hidden(hidden, True, actor=hidden)
    make_user("defender", edition=edition, public_name="Listed Lark")
    sign_in(client, make_user("organiser", edition=edition))
    html = client.get(reverse("accounts:orga_roles", kwargs={"year": 2013})).content.decode()
    assert "Listed Lark" in html and "Hidden Heron" not in html
    assert "1 more person holds a role here and asked to be hidden" in html


def test_the_retention_purge_may_reduce_an_event_but_nothing_else_changes_it(make_user, edition):
    person = make_user("defender", edition=edition)
    event = audit.record("programme.speaker_set", actor=person, target=person, edition=edition, speaker=7, consent=True)
    assert (
        audit.reduce_events(
            AuditEvent.objects.filter(pk=event.pk), forget_actor=True, forget_target=True, drop_keys=("speaker",)
        )
        == 1
    )
    reduced = AuditEvent.objects.get(pk=event.pk)
    assert (reduced.actor_id, reduced.target_id, reduced.detail) == (None, "", {"consent": True})
    assert (reduced.action, reduced.at, reduced.edition_id, reduced.actor_roles, reduced.target_type) == (
        event.action,
        event.at,
        edition.pk,
        "defender",
        "accounts.user",
    )
    with pytest.raises(PermissionError):  # the ordinary ways stay closed
        AuditEvent.objects.filter(pk=event.pk).update(actor=None)


@pytest.mark.postgres
def test_postgres_allows_only_the_declared_reduction(make_user, edition):
    from django.db import DatabaseError

    person = make_user("defender", edition=edition)
    event = audit.record("login", actor=person, target=person, edition=edition, step="x")
    declare = "SELECT set_config('defdays.audit_reduction', 'on', true)"
    forget = "UPDATE core_auditevent SET actor_id = NULL, target_id = '' WHERE id = %s"
    refused = [
        [forget],  # undeclared: a stray write from the application
        [declare, "UPDATE core_auditevent SET action = 'x' WHERE id = %s"],  # declared, but rewrites the past
        [declare, 'UPDATE core_auditevent SET detail = \'{"step": "y"}\' WHERE id = %s'],  # adds, not removes
        [declare, "UPDATE core_auditevent SET actor_id = actor_id + 1 WHERE id = %s"],  # points at someone else
        [declare, "DELETE FROM core_auditevent WHERE id = %s"],
    ]
    for statements in refused:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql, [event.pk] if "%s" in sql else [])
    with transaction.atomic():
        audit.reduce_events(AuditEvent.objects.filter(pk=event.pk), forget_actor=True)
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(forget, [event.pk])  # the exception closed again after the reduction
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor_id, event.target_id, event.action) == (None, str(person.pk), "login")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(declare)
        cursor.execute(forget, [event.pk])  # the declared reduction itself works
    assert AuditEvent.objects.get(pk=event.pk).target_id == ""


def test_the_log_reads_as_words_in_the_editions_time_zone(client, make_user, edition):
    from datetime import UTC, datetime

    import time_machine

    from defdays.audit.labels import action_label

    organiser = make_user("organiser", edition=edition, public_name="Olive Organiser")
    granted = make_user(edition=edition, public_name="Grace Grantee")
    with time_machine.travel(datetime(2013, 4, 4, 10, 0, tzinfo=UTC), tick=False):
        audit.record("role.granted", actor=organiser, target=granted, edition=edition, role="speaker")
    sign_in(client, organiser)
    html = client.get(reverse("audit:audit_log", kwargs={"year": 2013})).content.decode()
    table = html[html.index("<tbody>") :]
    assert "Role granted" in table and "role.granted" not in table
    assert "Grace Grantee" in table and f"#{organiser.pk}" not in table and "accounts.user" not in table
    assert "2013-04-04 12:00:00" in html and "Europe/Stockholm" in html  # 10:00 UTC is noon in Stockholm
    assert "Organiser" in html  # the actor's roles by name
    assert all("." not in action_label(action) for action in audit.Action)
