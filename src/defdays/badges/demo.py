"""Demo badges and check-ins: a print run for everyone approved, arrivals and the digital security training on
2 April 2013, and with it one training certificate (Kestrel's, defender-1: the demo defender with a login is on
the training's waitlist, so has no seat to check in to)."""

from datetime import date

from defdays.badges import services
from defdays.badges.models import BadgeBatch, TrainingCheckIn
from defdays.programme.models import Session
from defdays.registration.models import Participation

DIGITAL = "Training: digital security"


def build(ctx):
    edition = ctx.edition
    volunteer = ctx.users["volunteer"]
    if not BadgeBatch.objects.filter(edition=edition).exists():
        services.start_batch(edition=edition, layout="a4", actor=ctx.users["organiser"], queue=False)
    first_day = date(edition.year, 4, 2)
    training = Session.objects.filter(edition=edition, title=DIGITAL).first()
    # The demo defender with a login stays "approved" (the way-through tests show that panel), so the arrivals
    # are Kestrel (checked in already) and the speaker.
    for key in ("defender-1", "speaker"):
        participation = Participation.objects.filter(edition=edition, user=ctx.users[key]).first()
        if participation is None or not services.printable(edition).filter(pk=participation.pk).exists():
            continue
        _badge, code = services.badge_for(participation)
        services.scan(edition=edition, code=code, actor=volunteer, today=first_day)
        if key == "defender-1" and training is not None:
            services.scan(edition=edition, code=code, actor=volunteer, session=training, today=first_day)
    certificates = TrainingCheckIn.objects.filter(participation__edition=edition).count()
    ctx.notes.append(
        f"Badges: /orga/{edition.year}/badges/ (a print run of eight per A4 sheet); check-in desk: "
        f"/orga/{edition.year}/check-in/ as the volunteer; {certificates} training certificate "
        "(digital security, for Kestrel)."
    )


def url_examples(ctx) -> dict[str, dict]:
    batch = BadgeBatch.objects.filter(edition=ctx.edition).first()
    certificate = TrainingCheckIn.objects.filter(participation__edition=ctx.edition).first()
    examples = {}
    if batch is not None:
        examples["badges:batch"] = {"year": ctx.edition.year, "batch": batch.uid}
        examples["badges:batch_pdf"] = {"year": ctx.edition.year, "batch": batch.uid}
    if certificate is not None:
        examples["badges:certificate"] = {"uid": certificate.uid}
    return examples
