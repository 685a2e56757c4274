"""The invitation list scales: a whole address finds one invitation, pages keep the filters, and the chosen
invitations are sent again through one confirmation."""

import pytest
from django.core import mail
from django.urls import reverse

from defdays.invitations.models import Invitation, InvitationStatus
from tests.invitations.helpers import invite

pytestmark = pytest.mark.django_db
URL = reverse("invitations:list", kwargs={"year": 2013})
BULK = reverse("invitations:bulk_resend", kwargs={"year": 2013})


def test_a_whole_address_finds_its_invitation(client_as, edition):
    invite(edition, "rowan@example.org", public_name="Rowan")
    invite(edition, "willow@example.org", public_name="Willow")
    client = client_as("organiser")
    found = client.get(URL, {"q": "Rowan@Example.org"})
    assert [i.name_for_staff for i in found.context["page"]] == ["Rowan"]
    partial = client.get(URL, {"q": "rowan"})
    assert partial.context["search_refused"] and len(partial.context["page"]) == 2


def test_pages_keep_the_filters(client_as, edition):
    from defdays.core.models import DataKey

    Invitation.objects.bulk_create(
        [Invitation(edition=edition, role="stakeholder", data_key=DataKey.create()) for _n in range(105)]
    )
    client = client_as("organiser")
    first = client.get(URL, {"role": "stakeholder"})
    assert first.context["listing"].page.paginator.count == 105
    assert "role=stakeholder&amp;page=2" in first.content.decode()


def test_chosen_invitations_are_sent_again_after_one_confirmation(client_as, edition):
    live = [invite(edition, f"p{n}@example.org", public_name=f"P{n}")[0] for n in range(3)]
    revoked, _token = invite(edition, "gone@example.org", public_name="Gone")
    Invitation.objects.filter(pk=revoked.pk).update(status=InvitationStatus.REVOKED)
    client = client_as("organiser")
    chosen = [i.pk for i in [*live[:2], revoked]] + ["x", "99999999999"]
    before = len(mail.outbox)

    asked = client.post(BULK, {"selected": chosen})
    assert asked.status_code == 200 and "P0" in asked.content.decode() and len(mail.outbox) == before

    done = client.post(BULK, {"selected": chosen, "confirm": "yes"})
    assert done.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox[before:]) == ["p0@example.org", "p1@example.org"]
    assert Invitation.objects.get(pk=live[2].pk).sent_count == 1
