"""Demo registrations in every status of the pipeline, for demo accounts and fictional participants."""

from django.utils import timezone

from defdays.registration.models import Participation, ParticipationStatus, PhotoConsent, RegistrationSettings

S = ParticipationStatus
DEMO_PARTICIPATIONS = [
    # (user key, role, status, photo consent, access needs)
    ("defender", "defender", S.APPROVED, PhotoConsent.INTERNAL, "Step-free access, please (demo)."),
    ("stakeholder", "stakeholder", S.REGISTERED, PhotoConsent.PUBLIC, ""),
    ("speaker", "speaker", S.APPROVED, PhotoConsent.PUBLIC, ""),
    ("defender-1", "defender", S.CHECKED_IN, PhotoConsent.NONE, ""),
    ("defender-2", "defender", S.DECLINED, PhotoConsent.NONE, "Vegetarian meals (demo)."),
    # defender-3 chose "hide me" (people demo): registered, but absent from every staff list.
    ("defender-3", "defender", S.REGISTERED, PhotoConsent.NONE, ""),
    ("stakeholder-1", "stakeholder", S.WITHDRAWN, PhotoConsent.INTERNAL, ""),
]


def build(ctx):
    edition = ctx.edition
    rules, _created = RegistrationSettings.objects.get_or_create(edition=edition, defaults={"approval_required": True})
    now = timezone.now()
    days = [day.isoformat() for day in edition.days()]
    for key, role, status, consent, needs in DEMO_PARTICIPATIONS:
        user = ctx.users[key]
        if Participation.objects.filter(user=user, edition=edition).exists():
            continue
        participation = Participation(
            user=user,
            edition=edition,
            data_key=user.data_key,
            role=role,
            status=status,
            days=days,
            photo_consent=consent,
            code_of_conduct_version=rules.code_of_conduct_version,
            code_of_conduct_accepted_at=now,
            photo_policy_version=rules.photo_policy_version,
            photo_policy_accepted_at=now,
        )
        participation.access_needs = needs or None
        participation.save()


def url_examples(ctx) -> dict[str, dict]:
    participation = Participation.objects.filter(edition=ctx.edition, user=ctx.users["defender-1"]).first()
    return {
        "registration:participant": {"year": ctx.edition.year, "uid": participation.uid},
        "registration:decide": {"year": ctx.edition.year, "uid": participation.uid},
    }
