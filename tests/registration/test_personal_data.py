import json

import pytest

from defdays.core.crypto import DecryptionError
from defdays.invitations import personal_data as invitation_data
from defdays.invitations.models import Invitation
from defdays.registration import personal_data as registration_data
from defdays.registration.models import Participation
from tests.invitations.helpers import invite, redeem_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def redeemed(client, edition):
    invitation, token = invite(edition, "canary@example.org", note="canary note")
    client.post(f"/invitation/{token}/", redeem_data(edition, access_needs="canary needs"))
    invitation.refresh_from_db()
    return invitation


def test_export_holds_everything_and_is_json(redeemed):
    user = redeemed.user
    exported = {"invitations": invitation_data.export_for(user), "registration": registration_data.export_for(user)}
    text = json.dumps(exported)
    assert "canary@example.org" in text and "canary note" in text and "canary needs" in text
    assert exported["registration"]["participations"][0]["code_of_conduct"]["version"] == "1"


def test_erase_leaves_nothing_readable(redeemed):
    user = redeemed.user
    invitation_data.erase_for(user)
    registration_data.erase_for(user)
    invitation = Invitation.objects.get(pk=redeemed.pk)
    assert invitation.email_enc is None and invitation.note_enc is None and invitation.email_index is None
    assert not Participation.objects.filter(user=user).exists()
    left = invitation_data.export_for(user)["invitations"][0]
    assert left["email"] is None and left["internal_note"] is None and left["public_name"] is None
    assert registration_data.export_for(user) == {"participations": []}


def test_purge_deletes_invitations_and_participations_keeping_counts(edition, redeemed):
    from defdays.registration.models import RetainedCount

    pending, _token = invite(edition, "never@example.org", note="n", public_name="Never")
    key = pending.data_key
    dry = invitation_data.purge_edition(edition, dry_run=True)
    assert dry == {"invitations": 2, "invitee_emails": 1, "import_files": 0}
    assert Invitation.objects.get(pk=pending.pk).note == "n"  # the dry run changed nothing
    assert registration_data.purge_edition(edition, dry_run=True) == {"access_needs": 1, "participations": 1}
    invitation_data.purge_edition(edition, dry_run=False)
    registration_data.purge_edition(edition, dry_run=False)
    assert not Invitation.objects.filter(edition=edition).exists()
    key.refresh_from_db()
    with pytest.raises(DecryptionError):  # an older backup of the invitation row cannot be opened either
        key.dek()
    assert not Participation.objects.filter(edition=edition).exists()
    assert [(c.role, c.status, c.number) for c in RetainedCount.objects.filter(edition=edition)] == [
        ("defender", "approved", 1)
    ]
    assert invitation_data.purge_edition(edition, dry_run=False) == {
        "invitations": 0,
        "invitee_emails": 0,
        "import_files": 0,
    }
    assert registration_data.purge_edition(edition, dry_run=False) == {"access_needs": 0, "participations": 0}
    assert RetainedCount.objects.get(edition=edition).number == 1  # a second run counts nobody twice


def test_the_people_app_finds_both_modules_in_the_registrations_category():
    from defdays.people.registry import sources_in

    labels = {source.label for source in sources_in("registrations")}
    assert {"invitations", "registration"} <= labels
