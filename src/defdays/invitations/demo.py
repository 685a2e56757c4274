"""Demo invitations in every state, for fictional people only. The "sent" one gets a fresh token each run; its
link is printed with the logins (the raw token exists nowhere else)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from defdays.core.crypto import email_index
from defdays.core.models import DataKey
from defdays.invitations import services
from defdays.invitations.models import ImportJob, ImportStatus, Invitation, InvitationRole, InvitationStatus

# (email, public name, role, state). Fictional; nobody real is invited.
DEMO_INVITEES = [
    ("owl.demo@example.org", "Owl (demo)", InvitationRole.DEFENDER, "sent"),
    ("heron.demo@example.org", "Heron (demo)", InvitationRole.STAKEHOLDER, "expired"),
    ("sparrow.demo@example.org", "Sparrow (demo)", InvitationRole.DEFENDER, "revoked"),
    ("wren.demo@example.org", "Wren (demo)", InvitationRole.SPEAKER, "pending"),
]
# Demo participants who came in through an invitation.
REDEEMED = [
    ("defender-1", InvitationRole.DEFENDER),
    ("defender-2", InvitationRole.DEFENDER),
    ("stakeholder-1", InvitationRole.STAKEHOLDER),
]


def _existing(edition, email):
    return (
        Invitation.objects.filter(edition=edition, email_index=email_index(email))
        .select_related("data_key", "edition")
        .first()
    )


def _invite(ctx, email, public_name, role, *, key=None):
    invitation = services._build(
        ctx.edition,
        public_name=public_name,
        email=email,
        role=role,
        language="en",
        pgp_key="",
        note="Demo invitation: fictional person.",
        actor=ctx.users.get("organiser"),
        key=key or DataKey.create(),
    )
    invitation.save()
    return invitation


def build(ctx):
    now = timezone.now()
    for email, public_name, role, state in DEMO_INVITEES:
        invitation = _existing(ctx.edition, email) or _invite(ctx, email, public_name, role)
        if state == "sent" and invitation.status in (InvitationStatus.PENDING, InvitationStatus.SENT):
            raw = services._issue_token(invitation)
            ctx.notes.append(f"Demo invitation to redeem (new each run): {reverse('invitations:redeem', args=[raw])}")
        elif state == "expired" and invitation.status == InvitationStatus.PENDING:
            services._issue_token(invitation)
            Invitation.objects.filter(pk=invitation.pk).update(expires_at=now - timedelta(days=3))
        elif state == "revoked" and invitation.status == InvitationStatus.PENDING:
            services._issue_token(invitation)
            Invitation.objects.filter(pk=invitation.pk).update(
                status=InvitationStatus.REVOKED, revoked_at=now, token_hash=None
            )
    for key, role in REDEEMED:
        user = ctx.users[key]
        if _existing(ctx.edition, user.email) is None:
            invitation = _invite(ctx, user.email, user.public_name, role, key=user.data_key)
            Invitation.objects.filter(pk=invitation.pk).update(
                status=InvitationStatus.REDEEMED, user=user, used_at=now, sent_count=1, last_sent_at=now
            )
    if not ImportJob.objects.filter(edition=ctx.edition).exists():
        key = DataKey.create()
        ImportJob.objects.create(
            edition=ctx.edition,
            created_by=ctx.users.get("organiser"),
            data_key=key,
            status=ImportStatus.DONE,
            total_rows=5,
            processed_rows=5,
            valid_rows=3,
            error_count=2,
            created_count=3,
            report=[
                {"row": 3, "field": "email", "reason": "bad_email"},
                {"row": 6, "field": "public_name", "reason": "formula"},
            ],
        )
        key.shred()


def url_examples(ctx) -> dict[str, dict]:
    year = ctx.edition.year
    invitation = Invitation.objects.filter(edition=ctx.edition).order_by("pk").first()
    job = ImportJob.objects.filter(edition=ctx.edition).order_by("pk").first()
    return {
        "invitations:revoke": {"year": year, "pk": invitation.pk},
        "invitations:resend": {"year": year, "pk": invitation.pk},
        "invitations:import_job": {"year": year, "job": job.uid},
        "invitations:import_confirm": {"year": year, "job": job.uid},
        "invitations:import_cancel": {"year": year, "job": job.uid},
        # Well formed, matches nothing: it must answer the neutral page.
        "invitations:redeem": {"token": "A" * 43},
    }
