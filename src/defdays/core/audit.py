"""The one way to write the audit log. Call with ids and types, never with names, emails or free text."""

from contextlib import contextmanager

from django.db import connection, models, transaction

from defdays.core.models import AuditEvent


class Action:
    LOGIN = "login"
    LOGIN_FAILED = "login.failed"
    LOGOUT = "logout"
    LOCKED_OUT = "login.locked"
    OTP_VERIFIED = "2fa.verified"
    OTP_FAILED = "2fa.failed"
    OTP_ENROLLED = "2fa.enrolled"
    RECOVERY_CODES_CREATED = "2fa.recovery_codes"
    RECOVERY_CODE_USED = "2fa.recovery_used"
    PASSWORD_CHANGED = "password.changed"
    PASSWORD_RESET_REQUESTED = "password.reset_requested"
    PASSWORD_RESET_DONE = "password.reset_done"
    ROLE_GRANTED = "role.granted"
    ROLE_REVOKED = "role.revoked"
    EXPORT = "export"
    RESTRICTED_READ = "restricted.read"
    EDITION_CHANGED = "edition.changed"
    BAD_REQUEST = "request.rejected"


def record(action, *, actor=None, request=None, target=None, edition=None, **detail) -> AuditEvent:
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if edition is None and request is not None:
        edition = getattr(request, "edition", None)
    actor_roles = ""
    if actor is not None and edition is not None:
        actor_roles = ",".join(sorted(actor.roles_in(edition)))
    return AuditEvent.objects.create(
        actor=actor,
        actor_roles=actor_roles,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        edition=edition,
        detail=detail,
    )


@contextmanager
def _reduction_allowed():
    """Open the database's one exception to append-only (see core migration 0005) for this block only, and
    close it again before anything else in the same transaction can write."""
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('defdays.audit_reduction', 'on', true)")
        try:
            yield
        finally:
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('defdays.audit_reduction', 'off', true)")


def reduce_events(events, *, forget_actor: bool = False, forget_target: bool = False, drop_keys=()) -> int:
    """Keep what happened, when, in which edition and under which roles; forget who: the actor link, the target
    id and the named detail keys. Only the retention purge calls this, after a person's retention period.

    The log stays append-only for every other write: AuditEvent.save and the queryset's update refuse, and on
    PostgreSQL the trigger refuses any UPDATE that is not this reduction. Returns the number of events."""
    changes = {}
    if forget_actor:
        changes["actor"] = None
    if forget_target:
        changes["target_id"] = ""
    ids = list(events.values_list("pk", flat=True))
    if not ids:
        return 0
    with _reduction_allowed():
        rows = AuditEvent.objects.filter(pk__in=ids)
        if changes:
            # The application's own guard (AppendOnlyQuerySet.update) is stepped over here, and only here.
            models.QuerySet.update(rows, **changes)
        for key in drop_keys:
            for pk, detail in rows.filter(detail__has_key=key).values_list("pk", "detail"):
                kept = {name: value for name, value in detail.items() if name != key}
                models.QuerySet.update(AuditEvent.objects.filter(pk=pk), detail=kept)
    return len(ids)


def forget_targets(model, ids, *, drop_keys=()) -> int:
    """Reduce the events about rows the retention purge is removing: their ids would still point at a person
    in an older backup or beside another table."""
    ids = [str(pk) for pk in ids]
    if not ids:
        return 0
    return reduce_events(AuditEvent.objects.filter(target_type=model._meta.label_lower, target_id__in=ids),
                         forget_target=True, drop_keys=drop_keys)
