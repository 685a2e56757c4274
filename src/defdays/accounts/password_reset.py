"""Password reset requests: the web request costs the same whether or not the address has an account.

Accounts exist only for invited people and staff, so "does this address have an account" comes close to "was this
person invited". The request used to look the account up and, for a real one, make a token, an outbox row, a
task and an audit event: measurably slower, and each probe mailed the target. Now the request only counts (cache)
and queues one task holding the keyed index of the address (never the address: task rows outlive the task, see
mail/outbox.py). The worker looks the account up and sends, or does nothing; at most one email per account per
RESET_EMAIL_INTERVAL, however often someone asks.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from defdays.audit import services as audit
from defdays.core import ratelimit
from defdays.core.crypto import email_index
from defdays.mail import services as mail

RESET_EMAIL_INTERVAL = timedelta(minutes=15)
REQUESTS_PER_ADDRESS_PER_HOUR = 5
REQUESTS_PER_NETWORK_PER_HOUR = 20
SUBJECT = _("Reset your password")


class ResetLimited(Exception):
    """Too many requests for this address or from this network; nothing was queued."""


def password_reset_request(*, email: str, network: str, base_url: str) -> None:
    """Queue a reset for `email`. Does the same work for every address; raises ResetLimited past the limits."""
    from defdays.accounts.tasks import send_password_reset

    index = email_index(email)
    # Both counters move on every request (no short-circuit), so the work stays the same for every address.
    address_ok = ratelimit.allow(f"reset-address:{index}", REQUESTS_PER_ADDRESS_PER_HOUR, 3600)
    network_ok = ratelimit.allow(f"reset-network:{network}", REQUESTS_PER_NETWORK_PER_HOUR, 3600)
    if not (address_ok and network_ok):
        raise ResetLimited
    send_password_reset.enqueue(email_index=index, base_url=base_url)


def password_reset_send(*, index: str, base_url: str) -> bool:
    """In the worker: email a reset link to the active account with this address index, unless one was sent in
    the last RESET_EMAIL_INTERVAL. Returns whether an email was queued."""
    from django.contrib.auth.tokens import default_token_generator

    from defdays.accounts.models import User
    from defdays.audit.models import AuditEvent

    with transaction.atomic():
        # The row lock makes two workers handling two requests for one account take turns, so the interval
        # check below sees the other's audit event.
        user = User.objects.select_for_update().filter(email_index=index, is_active=True).first()
        if user is None:
            return False
        recently = AuditEvent.objects.filter(
            action=audit.Action.PASSWORD_RESET_REQUESTED,
            target_type=user._meta.label_lower,
            target_id=str(user.pk),
            at__gte=timezone.now() - RESET_EMAIL_INTERVAL,
        ).exists()
        if recently:
            return False
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        path = reverse("accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
        mail.send_templated(
            user.email,
            SUBJECT,
            "accounts/email/password_reset",
            {"link": base_url.rstrip("/") + path, "user": user},
            language=user.language,
        )
        audit.record(audit.Action.PASSWORD_RESET_REQUESTED, actor=None, target=user)
    return True


def account_of_link(uidb64: str, token: str):
    """The account a reset link was made for, or None: unknown, malformed, used or expired links all look alike."""
    from django.contrib.auth.tokens import default_token_generator

    from defdays.accounts.models import User

    try:
        user = User.objects.filter(pk=int(urlsafe_base64_decode(uidb64))).first()
    except (ValueError, TypeError, OverflowError):
        return None
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user
