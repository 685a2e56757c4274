import re

from django.core import mail

from defdays.invitations import services
from defdays.registration.models import RegistrationSettings

TOKEN_IN_LINK = re.compile(r"/invitation/([A-Za-z0-9_-]+)/")


def invite(
    edition,
    email="invitee@example.org",
    *,
    role="defender",
    language="en",
    pgp_key="",
    note="",
    public_name="Swallow",
    actor=None,
):
    """Create an invitation the way organisers do; returns (invitation, raw token taken from the email)."""
    before = len(mail.outbox)
    invitation = services.create_invitation(
        edition,
        public_name=public_name,
        email=email,
        role=role,
        language=language,
        pgp_key=pgp_key,
        note=note,
        actor=actor,
        base_url="https://defdays.test",
    )
    sent = mail.outbox[before:]
    token = TOKEN_IN_LINK.search(sent[-1].body).group(1) if sent and not pgp_key else None
    invitation.refresh_from_db()
    return invitation, token


def last_token():
    return TOKEN_IN_LINK.search(mail.outbox[-1].body).group(1)


def redeem_data(edition, **overrides):
    data = {
        "public_name": "Swallow",
        "password1": "a long enough passphrase 42",
        "password2": "a long enough passphrase 42",
        "days": [edition.start_date.isoformat(), edition.main_day.isoformat()],
        "photo_consent": "none",
        "access_needs": "",
        "accept_code_of_conduct": "on",
        "accept_photo_policy": "on",
        # What the page showed when the invitee opened it: the version current now.
        "code_of_conduct_version": RegistrationSettings.for_edition(edition).code_of_conduct_version,
    }
    data.update(overrides)
    return data
