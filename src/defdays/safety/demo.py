"""Demo safety data for 2013: a code of conduct (version 1) and two fictional incident reports, one anonymous."""

from defdays.safety import services
from defdays.safety.models import CodeOfConduct, IncidentReport, ReportStatus

CODE_OF_CONDUCT = """\
## Our shared commitment

Defenders' Days brings together people whose safety depends on discretion. By taking part you agree to:

1. **Respect the Chatham House Rule.** You may use what is said, but never say who said it or who was there.
2. **Ask before taking a photo**, and never photograph or record a person who has not agreed to it.
3. **Treat everyone with respect.** No harassment, intimidation or discrimination of any kind.
4. **Keep other participants' details to yourself**: names, organisations, countries, travel.

## If something happens

Tell the safety team in person, or send a report on this site, signed or anonymously.
The safety team reads every report, keeps it confidential, and follows up.

*This text is demo data.*
"""


def build(ctx):
    edition = ctx.edition
    organiser = ctx.users.get("organiser")
    if not CodeOfConduct.objects.filter(edition=edition).exists():
        services.code_of_conduct_publish(edition=edition, text=CODE_OF_CONDUCT, actor=organiser)
    if not IncidentReport.objects.filter(edition=edition).exists():
        services.report_submit(
            edition=edition,
            body="Someone took photos of people in the hallway on the second day with a phone (demo report).",
        )
        signed = services.report_submit(
            edition=edition,
            body="A participant kept asking me which city I live in and who I work with (demo report).",
            reporter=ctx.users.get("defender"),
            about=ctx.users.get("defender-3"),
        ).report
        services.report_update(
            report=signed,
            actor=ctx.users.get("safety"),
            status=ReportStatus.IN_PROGRESS,
            note="Spoke to the reporter; meeting the other participant tomorrow (demo note).",
        )
    ctx.notes.append(
        f"Safety: code of conduct /{edition.year}/code-of-conduct/, report form /{edition.year}/safety/report/; "
        f"reports (safety team only) /orga/{edition.year}/safety/reports/."
    )


def url_examples(ctx) -> dict[str, dict]:
    report = IncidentReport.objects.filter(edition=ctx.edition).order_by("id").first()
    return {"safety:report_detail": {"year": ctx.edition.year, "pk": report.pk if report else 1}}
