"""Writes about a person's own data: export, profile edits, "hide me", erasure, and the retention purge.

Each validates, locks, writes and audits in one transaction. Erasure and purge reach the other apps only through
their personal_data modules (defdays.people.registry).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from defdays.accounts import visibility
from defdays.accounts.models import Role, User
from defdays.accounts.services import revoke_role
from defdays.audit import services as audit
from defdays.audit.models import AuditEvent
from defdays.core.crypto import DecryptionError
from defdays.core.links import absolute_url
from defdays.core.roles import PARTICIPANT_ROLES, STAFF_ROLES
from defdays.mail.services import send_templated
from defdays.people import account_data, registry

logger = logging.getLogger(__name__)

ERASED_PUBLIC_NAME = "Erased account"


# --- Export -------------------------------------------------------------------------------------------------


def personal_data(user: User) -> dict:
    """Everything held about `user`: the account first, then each app that keeps personal data."""
    return {
        "generated_at": timezone.now().isoformat(),
        "account": account_data.export_for(user),
        "apps": {source.label: source.module.export_for(user) for source in registry.app_sources()},
    }


def export(user: User, *, request=None, file_format: str) -> dict:
    data = personal_data(user)
    audit.record(audit.Action.EXPORT, actor=user, request=request, target=user, scope="self", format=file_format)
    return data


# --- Profile ------------------------------------------------------------------------------------------------


@transaction.atomic
def update_profile(user: User, *, public_name: str, language: str) -> list[str]:
    """Change what the person may change themselves at once. Returns the names of the fields that changed.
    The email changes only through a confirmed link (people.email_change)."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    changed = []
    if public_name != locked.public_name:
        locked.public_name = public_name
        changed.append("public_name")
    if language != locked.language:
        locked.language = language
        changed.append("language")
    if changed:
        locked.save(update_fields=changed)
        audit.record(audit.Action.PROFILE_CHANGED, actor=locked, target=locked, fields=sorted(changed))
        if "public_name" in changed:
            registry.public_name_changed(locked)
        for name in ("public_name", "language"):
            setattr(user, name, getattr(locked, name))
    return changed


# --- Hide me ------------------------------------------------------------------------------------------------


class ShowAgainReason(models.TextChoices):
    """Why the safety team shows a hidden person again: recorded (as this code, naming nobody) and told to them."""

    ASKED = "asked", _("The person asked us to show them again")
    MISTAKE = "mistake", _("The person was hidden by mistake")


SHOWN_AGAIN_SUBJECT = gettext_lazy("A change to your account")  # neutral: the subject is seen by more than them


@transaction.atomic
def set_hidden(user: User, hidden: bool, *, actor: User, edition=None, reason: str = "") -> bool:
    """Hide a person from every list (or show them again). Returns False when nothing changed.

    Only the person decides alone to be shown again. The safety team may do it with a reason (ShowAgainReason),
    and the person is told at once by email: a taken-over or mistaken safety account must not quietly put back
    on every list someone who hid because they felt unsafe.
    """
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.is_active:
        return False
    by_self = actor.pk == locked.pk
    if not hidden and not by_self and reason not in ShowAgainReason.values:
        raise ValueError("The safety team shows a person again only with a reason.")
    if not visibility.set_hidden(locked.pk, hidden, by="self" if by_self else "safety"):
        return False
    # No target, and no actor when it is the person: an audit row naming them would tell a database dump who is
    # hiding, the very thing the sealed set keeps from it. The safety team member who acted is recorded.
    action = audit.Action.HIDDEN if hidden else audit.Action.UNHIDDEN
    audit.record(
        action,
        actor=None if by_self else actor,
        edition=edition,
        by="self" if by_self else "safety",
        **({"reason": reason} if reason and not by_self else {}),
    )
    if not hidden and not by_self:
        send_templated(
            locked.email,
            SHOWN_AGAIN_SUBJECT,
            "people/email/shown_again",
            {"user": locked, "reason": reason, "hide_link": absolute_url(reverse("people:hide"))},
            language=locked.language,
        )
    return True


# --- Erasure ------------------------------------------------------------------------------------------------


def is_erased(user: User) -> bool:
    return not user.is_active and user.data_key.shredded_at is not None


def _forget_traces_of(email: str) -> dict[str, int]:
    """Rows outside our models that can name the address: lockout counters and queued or finished emails."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from defdays.accounts.lockout import username_key
    from defdays.mail.outbox import forget_unsent_to

    counts = {"unsent_emails": forget_unsent_to(email)}
    key = username_key(None, {"email": email})
    counts["lockout_records"] = sum(
        model.objects.filter(username=key).delete()[0] for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database task backend is installed in every mode
        return counts
    # An email not yet sent to an erased person must not go out; a sent one must not stay readable.
    counts["task_records"] = DBTaskResult.objects.filter(args_kwargs__icontains=email).delete()[0]
    return counts


def _destroy_personal_data(locked: User) -> dict:
    """Every app erases what it holds, roles go, second-factor devices go, traces of the address go and the data
    key is shredded (every value encrypted with it becomes unreadable at once). Shared by erasure and by the
    retention purge's account deletion; the caller holds the row lock and the transaction."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    try:
        email = locked.email
    except DecryptionError:
        email = None
    counts = {"apps": []}
    for source in registry.app_sources():
        source.module.erase_for(locked)
        counts["apps"].append(source.label)
    roles = list(locked.roles.select_related("edition"))
    for role in roles:
        revoke_role(locked, role.edition, role.role, actor=locked)
    counts["roles"] = len(roles)
    counts["devices"] = (
        TOTPDevice.objects.filter(user=locked).delete()[0] + StaticDevice.objects.filter(user=locked).delete()[0]
    )
    if email:
        counts.update(_forget_traces_of(email))
    locked.data_key.shred()
    # Inactive or deleted is enough to keep them out of every list; the sealed set need not remember them.
    visibility.set_hidden(locked.pk, False, by="erasure")
    return counts


def erase(user: User) -> dict | None:
    """Erase a person's account for good. Returns non-identifying counts, or None if it was already erased.

    In one transaction: the person's data is destroyed everywhere (_destroy_personal_data) and the row is
    anonymised. The row itself stays, anonymous, so that counts and the audit trail keep their meaning.
    """
    with transaction.atomic():
        locked = User.objects.select_for_update().select_related("data_key").get(pk=user.pk)
        if is_erased(locked):  # a second click or a concurrent request: nothing left to do
            return None
        counts = _destroy_personal_data(locked)
        locked.public_name = ERASED_PUBLIC_NAME
        locked.email_index = secrets.token_hex(32)  # as long as a real index, matches no address
        locked.email_enc = None
        locked.set_unusable_password()
        locked.language = settings.LANGUAGE_CODE
        locked.is_active = False
        locked.is_superuser = False
        locked.last_login = None
        locked.save()
        audit.record(audit.Action.ERASED, actor=locked, target=locked, **counts)
    return counts


# --- Keeping the account after an edition -------------------------------------------------------------------


@transaction.atomic
def set_keep_account(user: User, keep: bool) -> bool:
    """The person's choice whether the retention purge may delete their account once their last edition is
    over (see _purge_people). Returns False when nothing changed."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.keep_account == keep:
        return False
    locked.keep_account = user.keep_account = keep
    locked.save(update_fields=["keep_account"])
    audit.record(audit.Action.PROFILE_CHANGED, actor=locked, target=locked, fields=["keep_account"])
    return True


# --- Retention purge ----------------------------------------------------------------------------------------


def retention_days() -> dict[str, int]:
    return {
        "travel": int(getattr(settings, "DEFDAYS_RETENTION_TRAVEL_DAYS", 30)),
        "registrations": int(getattr(settings, "DEFDAYS_RETENTION_REGISTRATION_DAYS", 90)),
    }


@dataclass
class PurgeResult:
    edition: object
    category: str
    counts: dict = field(default_factory=dict)  # "app.kind" -> number of records
    failed: list = field(default_factory=list)  # labels of apps whose purge raised (logged; the others still ran)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def due(edition, category: str, today: date | None = None) -> bool:
    """True once the retention period of `category` after the edition's last day has passed (edition's time)."""
    today = today or timezone.localdate(timezone=edition.tz)
    return today > edition.end_date + timedelta(days=retention_days()[category])


# PARTICIPANT_ROLES (core.roles) say a person took part; they go with the edition's registrations. Staff roles
# stay: they are the organisation's own people, needed to read the edition's audit log and archive.


def _live_edition_ids(today: date | None = None) -> set:
    from defdays.editions.models import Edition

    return {edition.pk for edition in Edition.objects.all() if not due(edition, "registrations", today)}


def _account_stays(user: User, live: set, *, leaving_edition) -> bool:
    """Kept when the person chose to keep it, for platform admins and staff, and while any role is in an
    edition still within its registration retention period. Otherwise the purge deletes it."""
    if user.keep_account or user.is_superuser:
        return True
    roles = user.roles.exclude(edition=leaving_edition, role__in=PARTICIPANT_ROLES)
    return roles.filter(role__in=STAFF_ROLES).exists() or roles.filter(edition_id__in=live).exists()


def _delete_account(locked: User) -> None:
    """The account of someone whose last edition is over: destroyed like an erasure, then the row itself goes,
    and the audit log keeps what was done without pointing at the person."""
    _destroy_personal_data(locked)
    audit.reduce_events(AuditEvent.objects.filter(actor=locked), forget_actor=True)
    audit.forget_targets(User, [locked.pk])
    locked.delete()


def _purge_people(edition, *, dry_run: bool) -> dict[str, int]:
    """The people step of the registrations purge, after every app has purged the edition: participant roles go,
    the edition's audit log names people only on what they did as its staff and as targets of staff work, and an
    account left with nothing live is deleted unless its owner chose to keep it."""
    roles = Role.objects.filter(edition=edition, role__in=PARTICIPANT_ROLES)
    staff_ids = set(Role.objects.filter(edition=edition, role__in=STAFF_ROLES).values_list("user_id", flat=True))
    people = User.objects.filter(pk__in=roles.values("user_id")).select_related("data_key")
    events = AuditEvent.objects.filter(edition=edition)
    user_type = User._meta.label_lower
    # Decided per event, not per person: a trainer on the programme team is staff on the sessions they edit and
    # a closed-part speaker on their own consent, registration and agenda; exempting the person would keep the
    # speaker side linked to them. Events about oneself (one's own export, calendar feed) are never staff work.
    about_oneself = Q(target_type=user_type, target_id=Cast("actor_id", CharField()))
    as_staff = Q(actor_id__in=staff_ids, action__in=audit.STAFF_ACTIONS) & ~about_oneself
    named_actors = events.filter(actor__isnull=False).exclude(as_staff)
    # A participant role granted or revoked says who took part, whoever holds a staff role besides.
    participant_role_change = Q(
        action__in=[audit.Action.ROLE_GRANTED, audit.Action.ROLE_REVOKED], detail__role__in=sorted(PARTICIPANT_ROLES)
    )
    staff_target = Q(target_id__in=[str(pk) for pk in staff_ids], action__in=audit.STAFF_ACTIONS)
    named_targets = (
        events.filter(target_type=user_type).exclude(target_id="").filter(~staff_target | participant_role_change)
    )
    live = _live_edition_ids() - {edition.pk}
    leaving = [user for user in people if not _account_stays(user, live, leaving_edition=edition)]
    counts = {
        "roles": roles.count(),
        "audit events": named_actors.count() + named_targets.count(),
        "accounts": len(leaving),
    }
    if dry_run:
        return counts
    with transaction.atomic():
        audit.reduce_events(named_actors, forget_actor=True)
        audit.reduce_events(named_targets, forget_target=True)
        roles.delete()
        deleted = 0
        for user in leaving:
            locked = User.objects.select_for_update().select_related("data_key").filter(pk=user.pk).first()
            # Listed before the lock: a role granted or "keep my account" chosen since then wins (grant_role and
            # set_keep_account take the same row lock, so they either waited for us or are seen here).
            if locked is None or _account_stays(locked, _live_edition_ids() - {edition.pk}, leaving_edition=edition):
                continue
            _delete_account(locked)
            deleted += 1
        counts["accounts"] = deleted
    return counts


def _steps(category: str):
    """(label, purge function) of every app holding data of this category, then the people step."""
    steps = [(source.label, source.module.purge_edition) for source in registry.sources_in(category)]
    if category == "registrations":
        steps.append(("people", _purge_people))
    return steps


def purge(*, dry_run: bool) -> list[PurgeResult]:
    """Destroy restricted data whose retention has passed, by edition and category. Safe to run again."""
    from defdays.editions.models import Edition

    results = []
    for edition in Edition.objects.order_by("year"):
        for category in registry.CATEGORIES:
            if not due(edition, category):
                continue
            result = PurgeResult(edition, category)
            for label, purge_edition in _steps(category):
                try:
                    with transaction.atomic():
                        counts = purge_edition(edition, dry_run=dry_run) or {}
                        if not dry_run and any(counts.values()):
                            audit.record(
                                audit.Action.PURGE,
                                edition=edition,
                                category=category,
                                app=label,
                                counts={kind: int(n) for kind, n in counts.items()},
                            )
                except Exception:
                    # One app's failure must not keep the others' data past its time; it is reported at the end.
                    logger.exception("Retention purge failed for app %s, edition %s", label, edition.year)
                    result.failed.append(label)
                    continue
                result.counts.update({f"{label}.{kind}": int(n) for kind, n in counts.items()})
            results.append(result)
    if not dry_run:
        audit.record(
            audit.Action.PURGE,
            checked=len(results),
            destroyed=sum(r.total for r in results),
            failed=sorted({label for r in results for label in r.failed}),
        )
    return results
