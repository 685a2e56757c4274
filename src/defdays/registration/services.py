"""Registration writes. Each one validates, locks the row, writes and audits in one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from defdays.audit import services as audit
from defdays.core import generation
from defdays.core.links import absolute_url
from defdays.mail.services import send_templated
from defdays.registration.models import Participation, ParticipationStatus, PhotoConsent, RegistrationSettings
from defdays.registration.standing import standing_lost

S = ParticipationStatus
# Which status may follow which, for organisers' decisions and the check-in desk.
TRANSITIONS = {
    "approve": ({S.REGISTERED, S.DECLINED, S.INVITED}, S.APPROVED),
    "decline": ({S.REGISTERED, S.APPROVED, S.INVITED}, S.DECLINED),
    "check_in": ({S.APPROVED}, S.CHECKED_IN),
}
STEP_ACTIONS = {
    "approve": audit.Action.REGISTRATION_APPROVED,
    "decline": audit.Action.REGISTRATION_DECLINED,
    "check_in": audit.Action.REGISTRATION_CHECKED_IN,
}

# One neutral subject for every decision: it shows on lock screens and in mail logs, so it says neither the outcome
# nor the conference.
DECISION_SUBJECT = gettext_lazy("Your registration")
DECISION_TEMPLATES = {
    "approve": "registration/email/approved",
    "decline": "registration/email/declined",
    "check_in": "registration/email/checked_in",
}


class TransitionRefused(Exception):
    """The participation is not in a status this step may follow."""


class CodeOfConductChanged(Exception):
    """Organisers published a new code of conduct after the form showed the one the person accepted."""

    def __init__(self, current: str):
        super().__init__(current)
        self.current = current


def clean_days(edition, days) -> list[str]:
    allowed = {d.isoformat() for d in edition.days()}
    chosen = sorted({d.isoformat() if isinstance(d, date) else str(d) for d in days})
    if not chosen:
        raise ValidationError(_("Choose at least one day."))
    if not set(chosen) <= allowed:
        raise ValidationError(_("Choose days of this edition only."))
    return chosen


def _rules_for_acceptance(edition, *, lock=True) -> RegistrationSettings:
    rows = RegistrationSettings.objects.filter(edition=edition)
    found = (rows.select_for_update() if lock else rows).first()
    return found or RegistrationSettings(edition=edition)


def _acceptance_window():
    """Test hook: a concurrency test publishes a new code of conduct between the check and the commit here."""


def register(
    user,
    edition,
    role,
    *,
    days,
    photo_consent=PhotoConsent.NONE,
    access_needs="",
    code_of_conduct_version,
    photo_policy_version,
    actor=None,
) -> Participation:
    """Record a closed-part registration (called by invitation redemption, inside its transaction).

    `code_of_conduct_version` is the version the person was shown; if it is no longer the current one,
    CodeOfConductChanged is raised and nothing is written."""
    now = timezone.now()
    with transaction.atomic():
        # The acceptance must name a text the person read. Locking the row the version lives on (as
        # safety.code_of_conduct_publish does) orders the two: a version published while the form was open is
        # seen here and refused, and none can be published between this check and the commit.
        rules = _rules_for_acceptance(edition)
        if str(code_of_conduct_version) != rules.code_of_conduct_version:
            raise CodeOfConductChanged(rules.code_of_conduct_version)
        _acceptance_window()
        status = S.REGISTERED if rules.approval_required else S.APPROVED
        participation = Participation.objects.select_for_update().filter(user=user, edition=edition).first()
        if participation is None:
            participation = Participation(user=user, edition=edition, data_key=user.data_key)
        participation.role = str(role)
        participation.status = status
        participation.status_changed_at = now
        participation.days = clean_days(edition, days)
        participation.photo_consent = PhotoConsent(photo_consent)
        participation.code_of_conduct_version, participation.code_of_conduct_accepted_at = code_of_conduct_version, now
        participation.photo_policy_version, participation.photo_policy_accepted_at = photo_policy_version, now
        participation.access_needs = access_needs.strip() or None
        participation.save()
        audit.record(
            audit.Action.REGISTRATION_REGISTERED,
            actor=actor or user,
            target=participation,
            edition=edition,
            status=status,
        )
    return participation


def update_own(participation: Participation, *, days, photo_consent, access_needs) -> Participation:
    with transaction.atomic():
        locked = Participation.objects.select_for_update().select_related("data_key").get(pk=participation.pk)
        if locked.status == S.WITHDRAWN:
            raise TransitionRefused
        locked.days = clean_days(locked.edition, days)
        consent_changed = locked.photo_consent != PhotoConsent(photo_consent)
        locked.photo_consent = PhotoConsent(photo_consent)
        locked.access_needs = access_needs.strip() or None
        locked.save(update_fields=["days", "photo_consent", "access_needs_enc"])
        if consent_changed:
            # Photos are shown by the consent of everyone in them, read at each request (photos.rules): a
            # revoked consent must also retire every cached page that still shows the photo.
            generation.bump()
        audit.record(audit.Action.REGISTRATION_UPDATED, actor=locked.user, target=locked, edition=locked.edition)
    return locked


def withdraw(participation: Participation, *, actor) -> Participation:
    with transaction.atomic():
        locked = Participation.objects.select_for_update().get(pk=participation.pk)
        if locked.status != S.WITHDRAWN:
            locked.status, locked.status_changed_at = S.WITHDRAWN, timezone.now()
            locked.save(update_fields=["status", "status_changed_at"])
            audit.record(audit.Action.REGISTRATION_WITHDRAWN, actor=actor, target=locked, edition=locked.edition)
            # A withdrawn person no longer sees the closed sessions, so could not give back their seats there.
            standing_lost(user=locked.user, edition=locked.edition, actor=actor)
    return locked


def registration_open(edition) -> bool:
    """A person may still (re)join while the edition has not ended, in the edition's own time zone."""
    return timezone.now().astimezone(edition.tz).date() <= edition.end_date


def rejoin(participation: Participation, *, actor) -> Participation:
    """A withdrawn participant asks to come back: like a new registration, it waits for approval when the edition
    requires it. Seats given back on withdrawal are not restored; the person books again."""
    with transaction.atomic():
        locked = Participation.objects.select_for_update().select_related("edition").get(pk=participation.pk)
        if locked.status != S.WITHDRAWN or not registration_open(locked.edition):
            raise TransitionRefused
        rules = RegistrationSettings.for_edition(locked.edition)
        locked.status = S.REGISTERED if rules.approval_required else S.APPROVED
        locked.status_changed_at = timezone.now()
        locked.save(update_fields=["status", "status_changed_at"])
        audit.record(
            audit.Action.REGISTRATION_REJOINED, actor=actor, target=locked, edition=locked.edition, status=locked.status
        )
    return locked


def decide(participation: Participation, step: str, *, actor) -> Participation:
    """approve / decline / check_in. Refused unless the current status allows the step (checked after the lock)."""
    allowed_from, target = TRANSITIONS[step]
    with transaction.atomic():
        locked = Participation.objects.select_for_update().get(pk=participation.pk)
        if locked.status not in allowed_from:
            raise TransitionRefused
        locked.status, locked.status_changed_at = target, timezone.now()
        locked.save(update_fields=["status", "status_changed_at"])
        audit.record(STEP_ACTIONS[step], actor=actor, target=locked, edition=locked.edition)
        if target == S.DECLINED:
            standing_lost(user=locked.user, edition=locked.edition, actor=actor)
        # Queued in this transaction: a decision rolled back sends nothing, and one that stands is always told.
        _tell_decision(locked, step)
    return locked


def check_in(participation: Participation, *, actor) -> bool:
    """The check-in desk's step: True when this call checked the person in, False when they already were (a
    second scan, or a second day). TransitionRefused when the status allows no check-in. One rule for both the
    organisers' button and the desk: the status test is `decide`'s, after its lock."""
    with transaction.atomic():
        locked = Participation.objects.select_for_update().get(pk=participation.pk)
        if locked.status == S.CHECKED_IN:
            return False
        decide(locked, "check_in", actor=actor)
    return True


def _tell_decision(participation: Participation, step: str) -> None:
    user = participation.user
    if not user.is_active:  # an erased account has no address left to write to
        return
    year = participation.edition.year
    send_templated(
        user.email,
        DECISION_SUBJECT,
        DECISION_TEMPLATES[step],
        {
            "user": user,
            "edition": participation.edition,
            "me_url": absolute_url(reverse("registration:mine", kwargs={"year": year})),
            "contact_url": absolute_url(reverse("contact:page", kwargs={"year": year})),
        },
        language=user.language,
    )


def decide_many(participations, step: str, *, actor) -> tuple[int, int]:
    """The same step for each chosen participation, each under its own lock and through `decide`, so a bulk
    approval does exactly what one approval does (audit, emails, seats). Returns (done, refused): a
    participation whose status no longer allows the step (changed since the list was shown) is left as it is."""
    done = refused = 0
    with transaction.atomic():
        for participation in participations:
            try:
                decide(participation, step, actor=actor)
            except TransitionRefused:
                refused += 1
            else:
                done += 1
    return done, refused


def set_approval_required(edition, required: bool, *, actor) -> RegistrationSettings:
    with transaction.atomic():
        rules, _created = RegistrationSettings.objects.select_for_update().get_or_create(edition=edition)
        if rules.approval_required != required:
            rules.approval_required = required
            rules.save(update_fields=["approval_required"])
            audit.record(
                audit.Action.REGISTRATION_SETTINGS_CHANGED,
                actor=actor,
                target=rules,
                edition=edition,
                approval_required=required,
            )
    return rules


def carry_over(source, target) -> None:
    """Next year's edition keeps this year's registration rules (approval, document versions), never a
    registration. Called by editions.services.new_edition_from in its transaction."""
    rules = RegistrationSettings.objects.filter(edition=source).first()
    if rules is not None:
        RegistrationSettings.objects.create(
            edition=target,
            approval_required=rules.approval_required,
            code_of_conduct_version=rules.code_of_conduct_version,
            photo_policy_version=rules.photo_policy_version,
        )
