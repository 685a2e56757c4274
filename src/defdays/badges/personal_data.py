"""What the badges app holds about a person (see defdays.people.registry for the contract).

Badges and check-ins hang on the participation, so erasure and the registrations purge, which delete it, take them
along; the print runs name many people and are deleted with the edition's registrations."""

from django.db import transaction

from defdays.audit import services as audit
from defdays.badges.models import Badge, BadgeBatch, DayCheckIn, TrainingCheckIn

CATEGORY = "registrations"


def export_for(user) -> dict:
    return {
        "badges": [
            {"edition": badge.edition.year, "printed_code": badge.code}
            for badge in Badge.objects.filter(participation__user=user).select_related("edition", "data_key")
        ],
        "check_ins": [
            {"edition": row.participation.edition.year, "day": row.day.isoformat(), "at": row.at.isoformat()}
            for row in DayCheckIn.objects.filter(participation__user=user).select_related("participation__edition")
        ],
        "trainings_attended": [
            {"edition": row.participation.edition.year, "training": row.session.title, "at": row.at.isoformat()}
            for row in TrainingCheckIn.objects.filter(participation__user=user).select_related(
                "participation__edition", "session"
            )
        ],
    }


def erase_for(user) -> None:
    with transaction.atomic():
        Badge.objects.filter(participation__user=user).delete()
        DayCheckIn.objects.filter(participation__user=user).delete()
        TrainingCheckIn.objects.filter(participation__user=user).delete()


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    batches = BadgeBatch.objects.filter(edition=edition)
    badges = Badge.objects.filter(edition=edition)
    trainings = TrainingCheckIn.objects.filter(session__edition=edition)
    counts = {"badge_batches": batches.count(), "badges": badges.count(), "training_check_ins": trainings.count()}
    if dry_run:
        return counts
    with transaction.atomic():
        audit.forget_targets(BadgeBatch, list(batches.values_list("pk", flat=True)))
        audit.forget_targets(TrainingCheckIn, list(trainings.values_list("pk", flat=True)))
        batches.delete()
        badges.delete()
        trainings.delete()
        DayCheckIn.objects.filter(participation__edition=edition).delete()
    return counts
