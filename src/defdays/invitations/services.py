"""Invitation writes: create, import, send, resend, revoke, redeem. Each validates, locks, writes and audits in
one transaction. The raw token exists only in memory and in the email: it is made by the sending task itself,
so no task row, log line or audit event ever holds it."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from defdays.accounts.models import User
from defdays.accounts.services import grant_role
from defdays.audit import services as audit
from defdays.core import crypto
from defdays.core.links import absolute_url
from defdays.core.models import DataKey
from defdays.core.tasks import deliver_email
from defdays.invitations import pgp, tokens
from defdays.invitations.models import VALIDITY, ImportJob, ImportStatus, Invitation, InvitationStatus

SUBJECT = gettext_lazy("Your invitation")
SEND_BATCH = 200  # invitations per sending task


class InvitationUnavailable(Exception):
    """Used, expired, revoked, unknown or malformed: the caller shows one neutral page for all of these."""


def base_url_from(request=None) -> str:
    return absolute_url("/", request).rstrip("/")


def _build(edition, *, public_name, email, role, language, pgp_key, note, actor, key) -> Invitation:
    invitation = Invitation(edition=edition, data_key=key, role=role, language=language or "en", created_by=actor)
    invitation.public_name = public_name.strip()
    invitation.email_index = crypto.email_index(email)
    invitation.email = email.strip()
    invitation.pgp_key = pgp_key.strip() or None
    invitation.note = note.strip() or None
    return invitation


def already_invited(edition, email) -> bool:
    return (
        Invitation.objects.filter(edition=edition, email_index=crypto.email_index(email))
        .exclude(status=InvitationStatus.REVOKED)
        .exists()
    )


def _enqueue_sending(ids, base_url):
    from defdays.invitations.tasks import send_invitations

    queued_at = timezone.now().isoformat()
    for start in range(0, len(ids), SEND_BATCH):
        send_invitations.enqueue(
            invitation_ids=list(ids[start : start + SEND_BATCH]), base_url=base_url, queued_at=queued_at
        )


def create_invitation(
    edition, *, public_name, email, role, language="en", pgp_key="", note="", actor, base_url=""
) -> Invitation:
    if pgp_key.strip() and not pgp.check_key(pgp_key):
        raise ValidationError({"pgp_key": _("Not an OpenPGP public key that can receive encrypted mail.")})
    with transaction.atomic():
        if already_invited(edition, email):
            raise ValidationError({"email": _("This email already has a live invitation for this edition.")})
        key = DataKey.create()
        invitation = _build(
            edition,
            public_name=public_name,
            email=email,
            role=role,
            language=language,
            pgp_key=pgp_key,
            note=note,
            actor=actor,
            key=key,
        )
        invitation.save()
        audit.record(audit.Action.INVITATION_CREATED, actor=actor, target=invitation, edition=edition, role=role)
        _enqueue_sending([invitation.pk], base_url)
    return invitation


def create_from_rows(edition, rows, *, actor=None, base_url="", source="web") -> int:
    """Write checked import rows (importer.CleanRow) in one transaction and queue their emails."""
    with transaction.atomic():
        keys = [DataKey.build() for _row in rows]
        DataKey.objects.bulk_create(keys, batch_size=1000)
        invitations = [
            _build(
                edition,
                public_name=row.public_name,
                email=row.email,
                role=row.role,
                language=row.language,
                pgp_key=row.pgp_key,
                note=row.note,
                actor=actor,
                key=key,
            )
            for row, key in zip(rows, keys)
        ]
        Invitation.objects.bulk_create(invitations, batch_size=1000)
        ids = list(Invitation.objects.filter(data_key__in=[k.id for k in keys]).values_list("id", flat=True))
        audit.record(audit.Action.INVITATION_IMPORTED, actor=actor, edition=edition, count=len(ids), source=source)
        _enqueue_sending(ids, base_url)
    return len(ids)


def _issue_token(invitation: Invitation) -> str:
    """A fresh token for a locked invitation; the previous one stops working. Returns the raw token."""
    raw, digest = tokens.new_token()
    now = timezone.now()
    invitation.token_hash = digest
    invitation.status = InvitationStatus.SENT
    invitation.expires_at = now + VALIDITY
    invitation.last_sent_at = now
    invitation.sent_count += 1
    invitation.save(update_fields=["token_hash", "status", "expires_at", "last_sent_at", "sent_count"])
    return raw


def _render(invitation: Invitation, link: str) -> tuple[str, str]:
    context = {
        "invitation": invitation,
        "edition": invitation.edition,
        "link": link,
        "expires_at": invitation.expires_at,
    }
    with translation.override(invitation.language):
        text = render_to_string("invitations/email/invitation.txt", context)
        subject = str(SUBJECT)
    return subject, text


def send_one(invitation_id: int, base_url: str, *, not_sent_since: str | None = None) -> bool:
    """Make a new token and email the link (encrypted when the invitee gave a key). Runs in the task worker.
    With `not_sent_since` (an ISO time), an invitation sent at or after it is left alone."""
    try:
        with transaction.atomic():
            invitation = next(
                iter(
                    Invitation.objects.select_for_update()
                    .select_related("data_key", "edition")
                    .filter(pk=invitation_id)
                    .order_by()[:1]
                ),
                None,
            )
            if invitation is None or invitation.status not in (InvitationStatus.PENDING, InvitationStatus.SENT):
                return False
            if (
                not_sent_since
                and invitation.last_sent_at
                and invitation.last_sent_at >= datetime.fromisoformat(not_sent_since)
            ):
                return False
            raw = _issue_token(invitation)
            link = base_url + reverse("invitations:redeem", kwargs={"token": raw})
            subject, text = _render(invitation, link)
            key_text = invitation.pgp_key
            if key_text:
                text = pgp.encrypt(text, key_text)  # never falls back to plaintext
            # .call(): send here, inside the transaction, so the body never rests in a task row.
            deliver_email.call(to=invitation.email, subject=subject, text=text, html="")
            audit.record(
                audit.Action.INVITATION_SENT,
                target=invitation,
                edition=invitation.edition,
                encrypted=bool(key_text),
                count=invitation.sent_count,
            )
    except pgp.PGPError:
        invitation = Invitation.objects.filter(pk=invitation_id).select_related("edition").first()
        audit.record(audit.Action.INVITATION_SEND_FAILED, target=invitation, edition=invitation.edition, reason="pgp")
        return False
    return True


def revoke(invitation: Invitation, *, actor) -> bool:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status in (InvitationStatus.REDEEMED, InvitationStatus.REVOKED):
            return False
        locked.status, locked.revoked_at, locked.token_hash = InvitationStatus.REVOKED, timezone.now(), None
        locked.save(update_fields=["status", "revoked_at", "token_hash"])
        audit.record(audit.Action.INVITATION_REVOKED, actor=actor, target=locked, edition=locked.edition)
    return True


def resend(invitation: Invitation, *, actor, base_url="") -> bool:
    """Queue a new email with a new token. The old link stops working now, before the new one is even sent."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status not in (InvitationStatus.PENDING, InvitationStatus.SENT):
            return False
        locked.token_hash, locked.status = None, InvitationStatus.PENDING
        locked.save(update_fields=["token_hash", "status"])
        audit.record(audit.Action.INVITATION_RESENT, actor=actor, target=locked, edition=locked.edition)
        _enqueue_sending([locked.pk], base_url)
    return True


def resend_many(invitations, *, actor, base_url="") -> tuple[int, int]:
    """Send again each chosen invitation that can still be sent, through `resend` (a new token each; the old
    links stop working now). Returns (queued, skipped): redeemed or revoked ones are left alone."""
    queued = skipped = 0
    with transaction.atomic():
        for invitation in invitations:
            if resend(invitation, actor=actor, base_url=base_url):
                queued += 1
            else:
                skipped += 1
    return queued, skipped


# --- Redemption -------------------------------------------------------------------------------------------


def _race_window():
    """Test hook: a concurrency test widens the gap between check and write here."""


def redeemable(raw_token: str, *, lock=False):
    """The invitation behind a token, if it can still be redeemed; else None. One answer for every failure."""
    if not tokens.well_formed(raw_token):
        return None
    queryset = Invitation.objects.select_related("edition", "data_key")
    if lock and not settings.DEFDAYS_TEST_UNLOCKED_REDEMPTION:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(token_hash=tokens.hash_token(raw_token)).first()
    if invitation is None or invitation.status != InvitationStatus.SENT or invitation.expires_at <= timezone.now():
        return None
    return invitation


def redeemed_by(raw_token: str, user):
    """The edition of an invitation this same person already redeemed (a double submit), else None."""
    if not tokens.well_formed(raw_token) or not user.is_authenticated:
        return None
    invitation = (
        Invitation.objects.filter(token_hash=tokens.hash_token(raw_token), user=user, status=InvitationStatus.REDEEMED)
        .select_related("edition")
        .first()
    )
    return invitation.edition if invitation else None


def existing_account(invitation: Invitation):
    return User.objects.filter(email_index=invitation.email_index).first()


def _move_restricted_data(invitation: Invitation, user: User):
    """Re-encrypt the invitation's restricted values under the person's key, then shred the invitation's own key:
    from now on, erasing the person erases these too."""
    old_key = invitation.data_key
    if old_key.pk == user.data_key_id:
        return
    name, email, key_text, note = invitation.public_name, invitation.email, invitation.pgp_key, invitation.note
    invitation.data_key = user.data_key
    invitation.public_name, invitation.email, invitation.pgp_key, invitation.note = name, email, key_text, note
    old_key.shred()


def redeem(
    raw_token: str,
    *,
    viewer,
    public_name: str,
    password: str | None,
    days,
    photo_consent,
    access_needs: str,
    code_of_conduct_version: str,
    photo_policy_version: str,
) -> User:
    """Create (or, for an existing account signed in, reuse) the account, grant the role, register.

    The invitation row is locked first: of two simultaneous redemptions one wins, the other sees it used.
    """
    from defdays.registration.services import register

    with transaction.atomic():
        invitation = redeemable(raw_token, lock=True)
        if invitation is None:
            raise InvitationUnavailable
        _race_window()
        user = existing_account(invitation)
        if user is not None:
            if not viewer.is_authenticated or viewer.pk != user.pk:
                raise InvitationUnavailable
        else:
            user = User.objects.create_user(
                invitation.email, password, public_name=public_name.strip(), language=invitation.language
            )
        grant_role(user, invitation.edition, invitation.role, actor=user)
        register(
            user,
            invitation.edition,
            invitation.role,
            days=days,
            photo_consent=photo_consent,
            access_needs=access_needs,
            code_of_conduct_version=code_of_conduct_version,
            photo_policy_version=photo_policy_version,
            actor=user,
        )
        _move_restricted_data(invitation, user)
        invitation.status, invitation.used_at, invitation.user = InvitationStatus.REDEEMED, timezone.now(), user
        invitation.save()
        audit.record(audit.Action.INVITATION_REDEEMED, actor=user, target=invitation, edition=invitation.edition)
    return user


# --- CSV import jobs --------------------------------------------------------------------------------------


def start_import(edition, text: str, *, actor, base_url="") -> ImportJob:
    """Keep the file (encrypted) in the database for the worker, and queue the check of every row."""
    from defdays.invitations.tasks import validate_import

    with transaction.atomic():
        job = ImportJob(edition=edition, created_by=actor, data_key=DataKey.create())
        job.content = text
        job.save()
        audit.record(audit.Action.INVITATION_IMPORT_STARTED, actor=actor, target=job, edition=edition)
        validate_import.enqueue(job_id=job.pk)
    return job


def _discard_content(job: ImportJob):
    job.content_enc = None
    job.data_key.shred()


def confirm_import(job: ImportJob, *, actor, base_url="") -> bool:
    from defdays.invitations.tasks import run_import

    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != ImportStatus.VALIDATED or not locked.valid_rows:
            return False
        locked.status, locked.processed_rows, locked.updated_at = ImportStatus.IMPORTING, 0, timezone.now()
        locked.save(update_fields=["status", "processed_rows", "updated_at"])
        audit.record(audit.Action.INVITATION_IMPORT_CONFIRMED, actor=actor, target=locked, edition=locked.edition)
        run_import.enqueue(job_id=locked.pk, actor_id=actor.pk if actor else None, base_url=base_url)
    return True


def cancel_import(job: ImportJob, *, actor) -> bool:
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().select_related("data_key").get(pk=job.pk)
        if locked.status not in (ImportStatus.VALIDATED, ImportStatus.FAILED):
            return False
        locked.status, locked.updated_at = ImportStatus.CANCELLED, timezone.now()
        _discard_content(locked)
        locked.save(update_fields=["status", "updated_at", "content_enc"])
        audit.record(audit.Action.INVITATION_IMPORT_CANCELLED, actor=actor, target=locked, edition=locked.edition)
    return True


def _progress_saver(job: ImportJob):
    def save(done, total):
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total, updated_at=timezone.now())

    return save


def run_validation(job_id: int) -> None:
    from defdays.invitations import importer

    job = ImportJob.objects.select_related("data_key", "edition").get(pk=job_id)
    try:
        parsed = importer.parse(job.content)
    except importer.ImportFileError:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, updated_at=timezone.now())
        return
    ImportJob.objects.filter(pk=job.pk).update(total_rows=len(parsed.rows))
    result = importer.validate(job.edition, parsed, progress=_progress_saver(job))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.VALIDATED,
        processed_rows=result.total,
        total_rows=result.total,
        valid_rows=len(result.valid),
        error_count=len(result.errors),
        report=result.errors,
        updated_at=timezone.now(),
    )


def run_import(job_id: int, actor_id=None, base_url="") -> None:
    """Check every row again (someone may have invited the same people since), then write the valid ones."""
    from defdays.invitations import importer

    # Counted before any work, in its own statement: a worker killed later leaves the count behind.
    ImportJob.objects.filter(pk=job_id, status=ImportStatus.IMPORTING).update(attempts=F("attempts") + 1)
    job = ImportJob.objects.select_related("data_key", "edition").get(pk=job_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    result = importer.validate(job.edition, importer.parse(job.content), progress=_progress_saver(job))
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().select_related("data_key").get(pk=job.pk)
        if locked.status != ImportStatus.IMPORTING:
            return
        created = create_from_rows(locked.edition, result.valid, actor=actor, base_url=base_url, source="web")
        locked.status, locked.created_count = ImportStatus.DONE, created
        locked.valid_rows, locked.error_count, locked.report = len(result.valid), len(result.errors), result.errors
        locked.processed_rows, locked.total_rows, locked.updated_at = result.total, result.total, timezone.now()
        _discard_content(locked)
        locked.save()
