"""A batch of invitation emails run again (its worker died mid-batch and core.task_recovery re-queued it) mails
only those the dead run had not mailed yet: a second mail would also void the link of the first."""

import pytest
from django.core import mail
from django.utils import timezone

from defdays.invitations import services
from defdays.invitations.tasks import send_invitations

pytestmark = pytest.mark.django_db


def test_a_batch_run_again_mails_each_invitation_once(edition):
    invitations = [
        services.create_invitation(
            edition, public_name=f"Invitee {n}", email=f"again{n}@example.org", role="defender", actor=None
        )
        for n in range(3)
    ]
    mail.outbox.clear()
    queued_at = timezone.now().isoformat()  # a resend of all three, queued after their first mail
    ids = [i.pk for i in invitations]
    assert send_invitations.call(invitation_ids=ids[:2], queued_at=queued_at) == 2  # the run that died after two
    assert send_invitations.call(invitation_ids=ids, queued_at=queued_at) == 1  # the run again: only the third
    assert sorted(m.to[0] for m in mail.outbox) == [f"again{n}@example.org" for n in range(3)]


def test_a_resend_queued_later_still_mails(edition):
    invitation = services.create_invitation(
        edition, public_name="Invitee", email="resend@example.org", role="defender", actor=None
    )
    mail.outbox.clear()
    assert send_invitations.call(invitation_ids=[invitation.pk], queued_at=timezone.now().isoformat()) == 1
    assert len(mail.outbox) == 1
