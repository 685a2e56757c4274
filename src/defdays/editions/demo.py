"""The 2013 edition, from the seed: the news post of 19 March 2013 about Defenders' Days."""

from datetime import date

from defdays.editions.models import Edition, EditionStatus
from defdays.editions.services import make_current

EDITION_2013 = dict(
    title="Defenders' Days 2013",
    slug="defenders-days-2013",
    status=EditionStatus.PUBLISHED,
    start_date=date(2013, 4, 2),
    end_date=date(2013, 4, 5),
    main_day=date(2013, 4, 4),
    main_day_note=("The conference is held on 4 April, the date of the murder of Dr Martin Luther King in 1968."),
    city="Stockholm",
    venue="",
    time_zone="Europe/Stockholm",
    organiser_name="Civil Rights Defenders",
    description=(
        "A conference in Stockholm for human rights defenders from the world's most repressive regions, "
        "organised by Civil Rights Defenders. An annual event that empowers human rights defenders and gathers "
        "key persons and institutions for the advancement of human rights: a place for networking, constructive "
        "cooperation and personal and institutional development."
    ),
    aims="\n".join(
        [
            "Advocate for international recognition of human rights defenders at risk.",
            "Increase understanding about their vital work.",
            "Create a forum for capacity-building and networking.",
        ]
    ),
    closed_part_info=(
        "The closed part is for human rights defenders at risk and relevant stakeholders. It holds training "
        "sessions in digital security, video campaigning and effective lobbying, and the chance to meet and work "
        "together. Who takes part is not published."
    ),
    open_session_info=(
        "The open session is open to everyone. It includes panel discussions with representatives of the "
        "international community, such as the UN Special Rapporteur on the situation of human rights defenders, "
        "and presentations such as \u201cThe Escape from Camp 14\u201d. The Civil Rights Defender of the Year "
        "Award is given during the conference."
    ),
    invitation_info=(
        "The conference is on invitation basis only. Invited defenders and stakeholders receive a personal "
        "link by email to register for the closed part. Anyone may sign up for the open session."
    ),
    contact_name="Ms Kim Matthis",
    contact_email="kim.matthis@example.org",
)


def build(ctx):
    edition, _ = Edition.objects.update_or_create(year=2013, defaults=EDITION_2013)
    if not edition.is_current:
        make_current(edition)
    ctx.edition = edition
    ctx.notes.append(
        f"Organisers: /orga/{edition.year}/ opens on the state of the edition; "
        f"/orga/{edition.year}/next-edition/ makes next year's draft from this one (settings only, never people)."
    )
