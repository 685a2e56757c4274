import hashlib
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse

from defdays.invitations import services
from defdays.invitations.models import Invitation, InvitationStatus
from tests.invitations.helpers import invite, last_token

pytestmark = pytest.mark.django_db


def test_invitation_email_has_one_recipient_a_neutral_subject_and_a_single_link(edition):
    invitation, token = invite(edition, "Swallow@Example.org", public_name="Swallow")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Swallow@Example.org"] and not message.cc and not message.bcc
    assert message.subject == "Your invitation"
    assert f"https://defdays.test/invitation/{token}/" in message.body
    assert len(token) == 43  # secrets.token_urlsafe(32): 256 random bits
    assert invitation.status == InvitationStatus.SENT and invitation.sent_count == 1
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()


def test_raw_token_and_email_are_nowhere_in_the_database(edition):
    _invitation, token = invite(edition, "canary-invitee@example.org")
    with connection.cursor() as cursor:
        for table in ("invitations_invitation", "core_auditevent", "core_datakey"):
            cursor.execute(f"SELECT * FROM {table}")
            dump = repr(cursor.fetchall())
            assert token not in dump and "canary-invitee" not in dump


def test_email_is_written_in_the_invitees_language(edition):
    invite(edition, "sv@example.org", language="sv")
    from django.utils import translation

    with translation.override("sv"):
        expected = str(services.SUBJECT)
    assert mail.outbox[-1].subject == expected


def test_resend_makes_a_new_token_and_the_old_one_stops_working(client, edition):
    invitation, old = invite(edition)
    assert services.resend(invitation, actor=None, base_url="https://defdays.test")
    new = last_token()
    assert new != old
    assert client.get(reverse("invitations:redeem", args=[old])).status_code == 404
    assert client.get(reverse("invitations:redeem", args=[new])).status_code == 200
    invitation.refresh_from_db()
    assert invitation.sent_count == 2


def _neutral(client, token):
    response = client.get(f"/invitation/{token}/")
    # The only difference allowed: the language switcher echoes the page's own path back to it.
    body = re.sub(r'name="next" value="[^"]*"', "", response.content.decode())
    return response.status_code, body


def test_used_expired_revoked_malformed_and_forged_tokens_get_the_same_page(client, edition, make_user):
    from tests.invitations.helpers import redeem_data

    used_inv, used = invite(edition, "used@example.org")
    client.post(reverse("invitations:redeem", args=[used]), redeem_data(edition))
    client.logout()
    revoked_inv, revoked = invite(edition, "revoked@example.org")
    services.revoke(revoked_inv, actor=None)
    _expired_inv, expired = invite(edition, "expired@example.org")
    forged = "B" * 43
    answers = {}
    answers["used"] = _neutral(client, used)
    answers["revoked"] = _neutral(client, revoked)
    answers["forged"] = _neutral(client, forged)
    answers["too short"] = _neutral(client, "abc")
    answers["too long"] = _neutral(client, "A" * 44)
    answers["odd characters"] = _neutral(client, "%24" * 20)
    import datetime

    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=31)):
        answers["expired"] = _neutral(client, expired)
    assert len(set(answers.values())) == 1, {k: v[0] for k, v in answers.items()}
    status, body = answers["forged"]
    assert status == 404 and "This link cannot be used" in body


def test_revoke_kills_the_link_and_cannot_be_undone_by_resend(client, edition):
    invitation, token = invite(edition)
    assert services.revoke(invitation, actor=None)
    assert not services.resend(Invitation.objects.get(pk=invitation.pk), actor=None)
    assert client.get(reverse("invitations:redeem", args=[token])).status_code == 404
