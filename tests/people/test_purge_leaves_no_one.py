"""After the registration retention period, a raw copy of the database must not say who took part in 2013.

The demo builds 2013 with every kind of closed-part person (defenders, stakeholders, speakers and trainers,
invitees who never redeemed, a hidden defender); its last day is long past, so the purge is due. The dump is read
with raw SQL (tests/people/dbdump.py), as from a stolen backup.
"""

import csv
import io
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from defdays.accounts.demo import DEMO_ACCOUNTS, DEMO_PARTICIPANTS
from defdays.accounts.models import User
from defdays.audit.models import AuditEvent
from defdays.core.roles import STAFF_ROLES
from defdays.invitations.demo import DEMO_INVITEES
from defdays.people import services
from defdays.programme.demo import FICTIONAL
from tests.conftest import sign_in
from tests.people.dbdump import dump_database

pytestmark = pytest.mark.django_db

CLOSED_PART = (
    [(email, name) for _key, email, name, role in DEMO_ACCOUNTS if role not in STAFF_ROLES]
    + [(email, name) for _key, email, name, _role in DEMO_PARTICIPANTS]
    + [(email, name) for _key, email, name in FICTIONAL]
)
INVITEES = [(email, name) for email, name, _role, _state in DEMO_INVITEES]
KEEPER = "lantern.demo@example.org"  # chose to keep the account


@pytest.fixture
def purged_demo():
    call_command("demo", stdout=StringIO())
    people = {email: User.objects.find_by_email(email) for email, _name in CLOSED_PART}
    services.set_keep_account(people[KEEPER], True)
    services.purge(dry_run=False)
    return {email: user.pk for email, user in people.items()}


def _user_links(ids):
    """Every row of every table that points at one of these accounts (foreign keys, audit actor and target)."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                rows = model._base_manager.filter(**{f"{field.attname}__in": ids})
                found += [f"{model._meta.label}.{field.name}={pk}" for pk in rows.values_list(field.attname, flat=True)]
    found += [
        f"audit target {t}"
        for t in AuditEvent.objects.filter(
            target_type="accounts.user", target_id__in=[str(pk) for pk in ids]
        ).values_list("target_id", flat=True)
    ]
    return found


def check_nobody_left(ids):
    text = dump_database()
    keeper_name = dict(CLOSED_PART)[KEEPER]
    names = [name for email, name in CLOSED_PART + INVITEES if email != KEEPER]
    assert [name for name in names if name.lower() in text] == []
    assert [email for email, _name in CLOSED_PART + INVITEES if email.lower() in text] == []
    # The person who chose to keep their account keeps their name on it, and nothing ties it to 2013.
    assert keeper_name.lower() in text and keeper_name.lower() not in dump_database(skip_tables=["accounts_user"])
    assert User.objects.filter(pk__in=ids.values()).count() == 1
    keeper_id = ids[KEEPER]
    links = _user_links([pk for pk in ids.values() if pk != keeper_id])
    assert links == [], links
    # What is left of the keeper: the account and its own edition-less events (e.g. choosing to keep it).
    assert set(_user_links([keeper_id])) <= {f"audit.AuditEvent.actor={keeper_id}", f"audit target {keeper_id}"}
    assert not AuditEvent.objects.filter(actor_id=keeper_id).exclude(edition__isnull=True).exists()
    assert (
        not AuditEvent.objects.filter(target_id=str(keeper_id), target_type="accounts.user")
        .exclude(edition__isnull=True)
        .exists()
    )


def test_after_the_purge_a_dump_names_no_closed_part_person(purged_demo):
    check_nobody_left(purged_demo)


def test_the_organisers_see_counts_not_people_after_the_purge(client, purged_demo):
    organiser = User.objects.find_by_email("organiser.demo@example.org")
    sign_in(client, organiser)
    page = client.get(reverse("registration:participants", kwargs={"year": 2013}))
    body = page.content.decode()
    assert page.status_code == 200 and "only their number remains" in body
    assert not [name for _email, name in CLOSED_PART if name in body]
    retained = {(row.role, row.status): row.number for row in page.context["retained"]}
    assert retained[("defender", "checked_in")] == 1 and sum(retained.values()) == 7  # the demo's seven
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("registration:export", kwargs={"year": 2013})).content.decode()))
    )
    assert rows[0] == ["role", "status", "count"] and ["defender", "checked_in", "1"] in rows
    # The published programme, as staff see it (everyone named): the guests remain, no closed-part speaker.
    schedule = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    assert "Mrs Margaret Sekaggya" in schedule and "Training: digital security" in schedule
    assert not [name for _email, name in CLOSED_PART if name in schedule]


def test_a_second_purge_changes_nothing_and_the_staff_stay(purged_demo):
    before = dump_database()
    results = services.purge(dry_run=False)
    assert sum(result.total for result in results) == 0
    # Only the new summary event differs.
    assert len(set(dump_database().splitlines()) - set(before.splitlines())) == 1
    assert User.objects.find_by_email("organiser.demo@example.org").roles.exists()


def test_a_programme_team_member_who_also_speaks_is_untied_from_their_speaking():
    from defdays.accounts.services import grant_role
    from defdays.audit import services as audit
    from defdays.editions.models import Edition

    call_command("demo", stdout=StringIO())
    edition = Edition.objects.get(year=2013)
    organiser = User.objects.find_by_email("organiser.demo@example.org")
    member = User.objects.find_by_email("programme.demo@example.org")
    grant_role(member, edition, "speaker", actor=organiser)
    audit.record(audit.Action.CONSENT_SET, actor=member, target=edition, edition=edition, consent_closed=True)
    audit.record(audit.Action.ROOM_SAVED, actor=member, target=edition, edition=edition)
    services.purge(dry_run=False)
    theirs = AuditEvent.objects.filter(edition=edition, actor=member)
    actions = set(theirs.values_list("action", flat=True))
    assert "programme.room_saved" in actions and "programme.consent_set" not in actions
    assert not AuditEvent.objects.filter(
        edition=edition, action="role.granted", detail__role="speaker", target_id=str(member.pk)
    ).exists()
    assert list(member.roles.filter(edition=edition).values_list("role", flat=True)) == ["programme"]
    assert actions <= audit.STAFF_ACTIONS
