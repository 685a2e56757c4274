"""Changing one's email needs the current password and a link sent to the new address.

Without that, anyone signed in could claim another person's address and then read, through their own data
export, what other apps hold under that address (an unredeemed invitation, open-session bookings), or probe
which addresses belong to participants. So: the page answers the same whether the address is free or taken;
the link goes to the new address only; the new address is sealed inside the link with the person's own data
key (the URL never carries it in clear); the link expires after two hours and dies once the email changes.

The same words were not enough: the request used to return after one query for a taken address and to seal,
sign, render and queue mail for a free one, so its timing told any signed-in person whether an address has an
account (close to "was invited"). Now the request does the same fixed work for every address: it counts
(per account), seals the new address under the person's data key and queues one task holding the person's id
and that sealed value (never the address, nor its index: task rows outlive the task). The worker opens it,
checks whether the address is taken, and sends the link or does nothing.
"""

import base64

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from defdays.accounts.models import User
from defdays.audit import services as audit
from defdays.core import crypto, ratelimit
from defdays.mail import services as mail

SALT = "defdays.people.email-change"
MAX_AGE_SECONDS = 2 * 60 * 60
REQUESTS_PER_ACCOUNT_PER_HOUR = 5


class ChangeLimited(Exception):
    """Too many change requests from this account; nothing was queued."""


def _context(user) -> str:
    return f"people.email_change:{user.uid}"


def request_change(user: User, new_email: str, *, base_url: str) -> None:
    """Queue a confirmation link for `new_email`. The same work whether it is free or taken; raises
    ChangeLimited past the per-account limit (probing many addresses one by one, or mail-bombing one)."""
    from defdays.people.tasks import send_email_change_link

    if not ratelimit.allow(f"email-change-account:{user.pk}", REQUESTS_PER_ACCOUNT_PER_HOUR, 3600):
        raise ChangeLimited
    audit.record(audit.Action.EMAIL_CHANGE_REQUESTED, actor=user, target=user)
    sealed = crypto.seal_value(user.data_key.dek(), new_email.strip(), _context(user))
    send_email_change_link.enqueue(
        user_id=user.pk, sealed_email=base64.urlsafe_b64encode(sealed).decode(), base_url=base_url
    )


def send_link(*, user_id: int, sealed_email: str, base_url: str) -> bool:
    """In the worker: email the confirmation link to the new address if no account uses it (taken, or already
    this person's: nothing, as before). Returns whether an email was queued."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    try:
        new_email = crypto.open_value(user.data_key.dek(), base64.urlsafe_b64decode(sealed_email), _context(user))
    except (crypto.DecryptionError, ValueError):  # erased (key shredded) since the request
        return False
    if User.objects.find_by_email(new_email) is not None:
        return False
    token = signing.dumps({"u": user.pk, "i": user.email_index, "e": sealed_email}, salt=SALT, compress=True)
    mail.send_templated(
        new_email,
        _("Confirm your new address"),
        "people/email/confirm_email",
        {"user": user, "link": base_url.rstrip("/") + reverse("people:email_confirm", args=[token])},
        language=user.language,
    )
    return True


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
