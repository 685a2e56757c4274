"""Who chose "hide me" is sealed: a raw copy of the database does not tell a hidden person from anyone else, and
every list still leaves them out (accounts.visibility is the one owner of that rule)."""

import pytest
from django.db import connection

from defdays.accounts import visibility
from defdays.accounts.models import HiddenPeople, User
from defdays.people.services import set_hidden
from defdays.programme.forms import AddSpeakerForm
from defdays.programme.services import speaker_for_user
from tests.people.dbdump import dump_database

pytestmark = pytest.mark.django_db

HIDDEN_PK, OTHER_PK = 918273, 918274  # distinctive, so that a dump line naming them cannot be missed


def _changed_lines(before: str, after: str) -> list[str]:
    return sorted(set(after.splitlines()) - set(before.splitlines()))


def test_a_dump_does_not_show_who_is_hidden(make_user, edition):
    hidden = make_user("defender", edition=edition, id=HIDDEN_PK, public_name="Canary Hider 5e1")
    make_user("defender", edition=edition, id=OTHER_PK, public_name="Canary Other 5e1")
    before = dump_database()
    set_hidden(hidden, True, actor=hidden)
    changed = _changed_lines(before, dump_database())
    assert changed  # control: the dump does see the change (the sealed row, the generation, the audit event)
    for line in changed:
        for trace in (str(HIDDEN_PK), str(hidden.uid), "canary hider"):
            assert trace not in line, line
    # Neither the person's row nor any column says it: the set is one ciphertext, and it opens.
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, User._meta.db_table)]
    assert not [name for name in columns if "hid" in name]
    assert visibility.hidden_ids() == {HIDDEN_PK}
    set_hidden(hidden, False, actor=hidden)
    assert visibility.hidden_ids() == set()


def test_the_sealed_set_has_the_same_size_for_one_or_several_people(make_user, edition):
    people = [make_user("defender", edition=edition) for _ in range(5)]
    set_hidden(people[0], True, actor=people[0])
    one = len(HiddenPeople.objects.get().members_enc)
    for person in people[1:]:
        set_hidden(person, True, actor=person)
    assert len(HiddenPeople.objects.get().members_enc) == one


def test_the_add_speaker_list_leaves_out_hidden_and_erased_people(make_user, edition):
    """programme/forms.py had its own copy of the rule, without the erased half."""
    names = {key: f"Speaker {key}" for key in ("listed", "hidden", "erased", "new_listed", "new_erased")}
    users = {key: make_user("speaker", edition=edition, public_name=name) for key, name in names.items()}
    for key in ("listed", "hidden", "erased"):
        speaker_for_user(edition, users[key])
    set_hidden(users["hidden"], True, actor=users["hidden"])
    # What an erasure leaves of an account: inactive (the speaker row may outlive it, e.g. a concurrent add).
    User.objects.filter(pk__in=[users["erased"].pk, users["new_erased"].pk]).update(is_active=False)
    offered = {label for _value, label in AddSpeakerForm(edition=edition).fields["person"].choices}
    assert {names["listed"], names["new_listed"]} <= offered
    assert not offered & {names["hidden"], names["erased"], names["new_erased"]}
