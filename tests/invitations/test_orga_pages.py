import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from defdays.audit.models import AuditEvent
from defdays.invitations import services
from defdays.invitations.models import Invitation
from tests.factories import EditionFactory
from tests.invitations.helpers import invite, redeem_data

pytestmark = pytest.mark.django_db


def test_list_counts_and_filters(client_as, edition):
    client = client_as("organiser")
    invite(edition, "a@example.org", public_name="Alder")
    revoked, _t = invite(edition, "b@example.org", public_name="Birch", role="speaker")
    services.revoke(revoked, actor=None)
    expired, _t = invite(edition, "c@example.org", public_name="Cedar")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    page = client.get(reverse("invitations:list", kwargs={"year": 2013}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Alder" in text and "Birch" in text and "Cedar" in text
    assert "a@example.org" not in text  # restricted: the list shows no emails
    counts = dict((value, n) for value, _label, n in page.context["status_counts"])
    assert counts == {"pending": 0, "sent": 1, "expired": 1, "redeemed": 0, "revoked": 1}
    only_expired = client.get(reverse("invitations:list", kwargs={"year": 2013}) + "?status=expired")
    assert "Cedar" in only_expired.content.decode() and "Alder" not in only_expired.content.decode()
    speakers = client.get(reverse("invitations:list", kwargs={"year": 2013}) + "?role=speaker")
    assert "Birch" in speakers.content.decode() and "Alder" not in speakers.content.decode()


def test_invite_form_sends_and_refuses_a_second_live_invitation(client_as, edition):
    client = client_as("organiser")
    data = {"public_name": "Alder", "email": "alder@example.org", "role": "defender", "language": "en"}
    response = client.post(reverse("invitations:invite", kwargs={"year": 2013}), data)
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert "/invitation/" in mail.outbox[0].body and mail.outbox[0].body.startswith("Hello Alder")
    again = client.post(reverse("invitations:invite", kwargs={"year": 2013}), dict(data, email="ALDER@example.org"))
    assert again.status_code == 200 and b"already has a live invitation" in again.content
    formula = client.post(
        reverse("invitations:invite", kwargs={"year": 2013}),
        dict(data, email="x@example.org", public_name='=HYPERLINK("http://x")'),
    )
    assert b"spreadsheet formula" in formula.content
    assert Invitation.objects.count() == 1


def test_revoke_and_resend_buttons(client_as, edition):
    client = client_as("organiser")
    invitation, token = invite(edition)
    client.post(reverse("invitations:resend", kwargs={"year": 2013, "pk": invitation.pk}))
    assert len(mail.outbox) == 2
    client.post(reverse("invitations:revoke", kwargs={"year": 2013, "pk": invitation.pk}), {"confirm": "yes"})
    invitation.refresh_from_db()
    assert invitation.status == "revoked" and invitation.token_hash is None
    assert AuditEvent.objects.filter(action="invitation.revoked", actor=client.user).exists()


def test_another_editions_invitation_is_a_404(client_as, edition):
    other = EditionFactory(year=2014)
    invitation, _token = invite(other)
    client = client_as("organiser")
    response = client.post(reverse("invitations:revoke", kwargs={"year": 2013, "pk": invitation.pk}))
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "sent"


def test_a_hidden_persons_invitation_is_not_listed(client_as, client, edition):
    _inv, token = invite(edition, "hidden@example.org", public_name="Hidden Heron")
    client.post(reverse("invitations:redeem", args=[token]), redeem_data(edition, public_name="Hidden Heron"))
    from defdays.accounts.models import User
    from defdays.people.services import set_hidden

    heron = User.objects.get(public_name="Hidden Heron")
    set_hidden(heron, True, actor=heron)
    organiser = client_as("organiser")
    page = organiser.get(reverse("invitations:list", kwargs={"year": 2013}))
    assert b"Hidden Heron" not in page.content
    assert dict((v, n) for v, _l, n in page.context["status_counts"])["redeemed"] == 0


@pytest.mark.parametrize("role", ["defender", "programme", "volunteer"])
def test_non_organisers_are_refused(client_as, edition, role):
    client = client_as(role)
    assert client.get(reverse("invitations:list", kwargs={"year": 2013})).status_code == 403
    assert client.get(reverse("invitations:import", kwargs={"year": 2013})).status_code == 403


def test_organisers_see_the_invitations_card(client_as, edition):
    client = client_as("organiser")
    page = client.get(reverse("editions:orga_home", kwargs={"year": 2013}))
    assert reverse("invitations:list", kwargs={"year": 2013}).encode() in page.content
    assert reverse("registration:participants", kwargs={"year": 2013}).encode() in page.content
