"""Changing one's email needs the current password and a link sent to the new address.

Without that, anyone signed in could claim another person's address and then read, through their own data
export, what other apps hold under that address (an unredeemed invitation, open-session bookings), or probe
which addresses belong to participants. So: the page answers the same whether the address is free or taken;
the link goes to the new address only; the new address is sealed inside the link with the person's own data
key (the URL never carries it in clear); the link expires after two hours and dies once the email changes.
"""

import base64

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from defdays.accounts.models import User
from defdays.audit import services as audit
from defdays.core import crypto
from defdays.core.links import absolute_url
from defdays.mail import services as mail

SALT = "defdays.people.email-change"
MAX_AGE_SECONDS = 2 * 60 * 60


def _context(user) -> str:
    return f"people.email_change:{user.uid}"


def request_change(user: User, new_email: str, *, request=None) -> None:
    """Send a confirmation link to `new_email` if no other account uses it; say nothing either way."""
    audit.record(audit.Action.EMAIL_CHANGE_REQUESTED, actor=user, target=user)
    owner = User.objects.find_by_email(new_email)
    if owner is not None:
        return  # taken (or already this person's): no mail, and the page says the same as when it is free
    sealed = crypto.seal_value(user.data_key.dek(), new_email.strip(), _context(user))
    token = signing.dumps(
        {"u": user.pk, "i": user.email_index, "e": base64.urlsafe_b64encode(sealed).decode()},
        salt=SALT,
        compress=True,
    )
    link = absolute_url(reverse("people:email_confirm", args=[token]), request)
    mail.send_templated(
        new_email,
        _("Confirm your new address"),
        "people/email/confirm_email",
        {"user": user, "link": link},
        language=user.language,
    )


@transaction.atomic
def confirm_change(user: User, token: str) -> bool:
    """Apply the change the link carries, for the signed-in person it was made for. False: not usable."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:  # forged, altered or expired
        return False
    locked = User.objects.select_for_update().get(pk=user.pk)
    if payload.get("u") != locked.pk or payload.get("i") != locked.email_index:
        return False  # another person's link, or this one was used already (the index moved on)
    try:
        new_email = crypto.open_value(locked.data_key.dek(), base64.urlsafe_b64decode(payload["e"]), _context(locked))
    except (crypto.DecryptionError, KeyError, ValueError):
        return False
    if User.objects.find_by_email(new_email) is not None:
        return False  # taken meanwhile
    locked.set_email(new_email)
    locked.save(update_fields=["email_index", "email_enc"])
    audit.record(audit.Action.PROFILE_CHANGED, actor=locked, target=locked, fields=["email"])
    user.email_index, user.email_enc = locked.email_index, locked.email_enc
    return True
