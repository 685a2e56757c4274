"""Messages to participants: exactly the audience, one email each with their address alone, hidden people left
out, a copy on /me/, and one recipient's refusing mail server does not stop the others."""

import shutil
import subprocess
from datetime import timedelta

import gnupg
import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from defdays.invitations.models import Invitation, InvitationStatus
from defdays.mailings import services
from defdays.mailings.models import Audience, Delivery, DeliveryStatus, Message, MessageStatus
from defdays.people.services import set_hidden
from defdays.registration.models import Participation, ParticipationStatus
from defdays.registration.services import register
from tests.conftest import sign_in
from tests.smtp_sink import Sink

pytestmark = pytest.mark.django_db
S = ParticipationStatus


@pytest.fixture
def participant(edition, make_user):
    def make(name, status=S.APPROVED, role="defender", **kwargs):
        user = make_user(role, edition=edition, public_name=name, email=f"{name.lower()}@example.org", **kwargs)
        participation = register(
            user, edition, role, days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )
        Participation.objects.filter(pk=participation.pk).update(status=status)
        return user

    return make


def _send_through_pages(client, year, **fields):
    url = reverse("mailings:compose", kwargs={"year": year})
    data = {"title": "Venue change", "body": "We meet in the other building.", **fields}
    preview = client.post(url, data)
    assert preview.status_code == 200 and "email-sample" in preview.content.decode()
    done = client.post(url, {**data, "confirm": "yes"})
    assert done.status_code == 302
    return preview, Message.objects.get()


def test_approved_defenders_reach_exactly_them_one_email_each(client, edition, make_user, participant):
    approved = [participant("Alder"), participant("Birch"), participant("Cedar", status=S.CHECKED_IN)]
    participant("Dogwood", status=S.REGISTERED)
    participant("Elm", role="stakeholder")
    participant("Fir", status=S.WITHDRAWN)
    hidden = participant("Hazel")
    set_hidden(hidden, True, actor=hidden)
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)

    preview, message = _send_through_pages(client, 2013, audience=Audience.APPROVED_DEFENDERS)
    assert preview.context["recipients"] == 3
    assert "Hazel" not in preview.content.decode()  # the sample names nobody

    addresses = {user.email for user in approved}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(addresses)
    for sent in mail.outbox:
        assert len(sent.to) == 1 and not sent.cc and not sent.bcc
        others = addresses - {sent.to[0]}
        text = sent.message().as_string()
        assert not any(other in text for other in others) and "hazel@example.org" not in text
        assert "Venue change" not in sent.subject  # the subject stays neutral
    assert message.deliveries.filter(status=DeliveryStatus.SENT).count() == 3
    message.refresh_from_db()
    assert message.status == MessageStatus.DONE

    # The copy stays on the recipient's own page, and only there.
    sign_in(client, approved[0])
    me = client.get(reverse("accounts:me")).content.decode()
    assert "We meet in the other building." in me and "Dear Alder" in me
    sign_in(client, hidden)
    assert "We meet in the other building." not in client.get(reverse("mailings:mine")).content.decode()


def test_only_the_safety_team_may_include_hidden_people(client, edition, make_user, participant):
    participant("Alder")
    hidden = participant("Hazel")
    set_hidden(hidden, True, actor=hidden)
    organiser = make_user("organiser", edition=edition)
    with pytest.raises(services.PermissionDenied):
        services.message_send(
            edition=edition,
            audience=Audience.APPROVED_DEFENDERS,
            title="t",
            body="b",
            actor=organiser,
            include_hidden=True,
        )
    safety = make_user("organiser", "safety", edition=edition)
    services.message_send(
        edition=edition, audience=Audience.APPROVED_DEFENDERS, title="t", body="b", actor=safety, include_hidden=True
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["alder@example.org", "hazel@example.org"]


def test_someone_who_hides_after_queueing_is_left_out(edition, make_user, participant, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    participant("Alder")
    hazel = participant("Hazel")
    organiser = make_user("organiser", edition=edition)
    message = services.message_send(
        edition=edition, audience=Audience.APPROVED_DEFENDERS, title="t", body="b", actor=organiser
    )
    assert mail.outbox == []  # queued for the worker
    set_hidden(hazel, True, actor=hazel)
    services.deliveries_send(message_id=message.pk)
    assert [m.to[0] for m in mail.outbox] == ["alder@example.org"]


@pytest.fixture
def sink(settings):
    running = Sink(refused={"birch@example.org"}).start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", running.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield running
    running.stop()


def test_a_refusing_mail_server_does_not_stop_the_others_and_is_retried_with_back_off(
    edition, make_user, participant, sink
):
    names = ["Alder", "Birch", "Cedar", "Dogwood"]
    for name in names:
        participant(name)
    organiser = make_user("organiser", edition=edition)
    message = services.message_send(
        edition=edition, audience=Audience.APPROVED_DEFENDERS, title="t", body="b", actor=organiser
    )
    delivered = sorted(r.recipients[0] for r in sink.received)
    assert delivered == ["alder@example.org", "cedar@example.org", "dogwood@example.org"]
    refused = Delivery.objects.get(message=message, user__public_name="Birch")
    assert refused.status == DeliveryStatus.RETRYING and refused.attempts == 1 and refused.outgoing_id
    first_wait = refused.next_attempt_at - timezone.now()

    # Not due yet: nothing is tried. Due: tried again, and the wait grows.
    assert services.deliveries_send(message_id=message.pk) == 0
    with time_machine.travel(refused.next_attempt_at + timedelta(seconds=1)):
        assert services.deliveries_send(message_id=message.pk) == 1
        refused.refresh_from_db()
        assert refused.attempts == 2 and refused.next_attempt_at - timezone.now() > first_wait
    # The server takes it at last: sent once, the outbox row is gone.
    sink.refused.clear()
    with time_machine.travel(refused.next_attempt_at + timedelta(seconds=1)):
        services.deliveries_send(message_id=message.pk)
    refused.refresh_from_db()
    assert refused.status == DeliveryStatus.SENT and refused.outgoing_id is None
    assert sorted(r.recipients[0] for r in sink.received).count("birch@example.org") == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.DONE


def test_a_server_that_never_accepts_fails_for_good_and_the_sealed_email_is_destroyed(
    edition, make_user, participant, sink
):
    from defdays.mail.outbox import OutgoingEmail

    participant("Birch")
    organiser = make_user("organiser", edition=edition)
    message = services.message_send(
        edition=edition, audience=Audience.APPROVED_DEFENDERS, title="t", body="b", actor=organiser
    )
    delivery = message.deliveries.get()
    for _attempt in services.BACKOFF:
        delivery.refresh_from_db()
        with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
            services.deliveries_send(message_id=message.pk)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and not OutgoingEmail.objects.exists()


@pytest.mark.skipif(shutil.which("gpg") is None, reason="needs the gpg binary")
def test_a_recipient_who_gave_a_key_gets_it_encrypted(edition, make_user, participant, tmp_path):
    from tests.invitations.helpers import invite

    home = tmp_path / "gnupg"
    home.mkdir(mode=0o700)
    gpg = gnupg.GPG(gnupghome=str(home))
    key = gpg.gen_key(
        gpg.gen_key_input(
            key_type="EDDSA",
            key_curve="ed25519",
            subkey_type="ECDH",
            subkey_curve="cv25519",
            name_email="alder@example.org",
            no_protection=True,
            expire_date=0,
        )
    )
    try:
        alder = participant("Alder")
        participant("Birch")
        invitation, _token = invite(edition, "alder@example.org", pgp_key=gpg.export_keys(key.fingerprint))
        Invitation.objects.filter(pk=invitation.pk).update(user=alder, status=InvitationStatus.REDEEMED)
        mail.outbox.clear()
        organiser = make_user("organiser", edition=edition)
        services.message_send(
            edition=edition, audience=Audience.APPROVED_DEFENDERS, title="t", body="Secret venue", actor=organiser
        )
        by_address = {m.to[0]: m.body for m in mail.outbox}
        assert by_address["alder@example.org"].startswith("-----BEGIN PGP MESSAGE-----")
        assert "Secret venue" in str(gpg.decrypt(by_address["alder@example.org"]))
        assert "Secret venue" in by_address["birch@example.org"]
    finally:
        subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], capture_output=True, timeout=10)


def test_copies_are_exported_and_erased_with_the_person(edition, make_user, participant):
    from defdays.people import services as people

    alder = participant("Alder")
    organiser = make_user("organiser", edition=edition)
    services.message_send(
        edition=edition, audience=Audience.APPROVED_DEFENDERS, title="t", body="Canary-7781", actor=organiser
    )
    from defdays.mailings import personal_data

    exported = personal_data.export_for(alder)
    assert "Canary-7781" in exported["messages"][0]["text"]
    people.erase(alder)
    assert not Delivery.objects.filter(user=alder).exists()
