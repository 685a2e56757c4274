"""Account writes: roles, two-factor enrolment, passwords. Each validates, writes and audits in one place."""

import secrets

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from defdays.accounts.models import Authenticator, RecoveryCodes, Role, User
from defdays.audit import services as audit
from defdays.core.roles import RoleName
from defdays.mail import services as mail

RECOVERY_CODE_COUNT = 10


def grant_role(user: User, edition, role: RoleName, *, actor=None) -> Role:
    with transaction.atomic():
        # The account row's lock orders a grant against the retention purge deleting this account: the purge
        # re-reads the roles under the same lock. A deleted account raises User.DoesNotExist here.
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        try:
            with transaction.atomic():
                granted = Role.objects.create(user=user, edition=edition, role=role)
        except IntegrityError:  # already held: granting twice is not an error
            return Role.objects.get(user=user, edition=edition, role=role)
        audit.record(audit.Action.ROLE_GRANTED, actor=actor, target=user, edition=edition, role=str(role))
    user.__dict__.pop("_roles_cache", None)
    user.__dict__.pop("_is_staff_account", None)
    return granted


def revoke_role(user: User, edition, role: RoleName, *, actor=None) -> bool:
    with transaction.atomic():
        deleted, _ = Role.objects.filter(user=user, edition=edition, role=role).delete()
        if deleted:
            audit.record(audit.Action.ROLE_REVOKED, actor=actor, target=user, edition=edition, role=str(role))
    return bool(deleted)


def pending_totp_device(user: User) -> Authenticator:
    """The unconfirmed device shown during enrolment; made once, so starting again keeps the same secret."""
    device = Authenticator.objects.filter(user=user, confirmed=False).first()
    return device or Authenticator.new(user, confirmed=False)


def confirmed_totp_device(user: User) -> Authenticator | None:
    return Authenticator.objects.filter(user=user, confirmed=True).first()


def reauthenticated(user: User, *, password: str, code: str) -> bool:
    """The account's password, and a current code (authenticator or recovery) once it has an authenticator.

    Asked before every change to the second factor: a session left open on a staff laptop must not be enough to
    put the attacker's phone in place of the owner's, or to mint recovery codes that outlive the session.
    """
    if not user.check_password(password):
        return False
    if confirmed_totp_device(user) is None:
        return True  # first enrolment: the password is all the account has
    return verify_second_factor(user, code) is not None


def start_enrolment(*, user: User, password: str, code: str) -> Authenticator | None:
    """The pending device whose secret may now be shown, or None when the password or code is wrong."""
    if not reauthenticated(user, password=password, code=code):
        audit.record(audit.Action.OTP_FAILED, actor=user, target=user, step="re-authentication")
        return None
    return pending_totp_device(user)


def _tell_owner(user: User, change: str) -> None:
    """Every change to the second factor is mailed to the owner, so a change they did not make is noticed."""
    if user.email:
        mail.send_templated(
            user.email,
            gettext_lazy("A change to your account"),
            "accounts/email/second_factor_changed",
            {"user": user, "change": change},
            language=user.language,
        )


@transaction.atomic
def confirm_totp(user: User, device: Authenticator, token: str) -> list[str] | None:
    """Confirm enrolment with a current code. Returns fresh recovery codes, or None when the code is wrong."""
    device = Authenticator.objects.select_for_update().get(pk=device.pk, user=user)
    if device.confirmed or not device.verify_token(token):
        return None
    replaced = TOTPDevice.objects.filter(user=user, confirmed=True).delete()[0]
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(audit.Action.OTP_ENROLLED, actor=user, target=user, replaced=bool(replaced))
    _tell_owner(user, "replaced" if replaced else "enrolled")
    return _issue_recovery_codes(user)


def _issue_recovery_codes(user: User) -> list[str]:
    device, _ = RecoveryCodes.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    device.replace_codes(codes)  # only their keyed hashes are stored; the person sees the codes once
    audit.record(audit.Action.RECOVERY_CODES_CREATED, actor=user, target=user)
    return codes


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    codes = _issue_recovery_codes(user)
    _tell_owner(user, "recovery_codes")
    return codes


def regenerate_recovery_codes(*, user: User, password: str, code: str) -> list[str] | None:
    """New recovery codes (the old ones stop working), or None when the password or code is wrong."""
    if confirmed_totp_device(user) is None or not reauthenticated(user, password=password, code=code):
        audit.record(audit.Action.OTP_FAILED, actor=user, target=user, step="re-authentication")
        return None
    return new_recovery_codes(user)


def verify_second_factor(user: User, token: str):
    """The device that accepts `token` (TOTP first, then a single-use recovery code), or None."""
    device = confirmed_totp_device(user)
    if device is not None and token.isdigit() and len(token) == 6:
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
        return None
    recovery = RecoveryCodes.objects.filter(user=user, name="recovery", confirmed=True).first()
    if recovery is not None and recovery.verify_token(token):
        audit.record(audit.Action.RECOVERY_CODE_USED, actor=user, target=user)
        _tell_owner(user, "recovery_code_used")
        return recovery
    return None


def set_password(user: User, password: str, *, action=audit.Action.PASSWORD_CHANGED):
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(action, actor=user, target=user)
