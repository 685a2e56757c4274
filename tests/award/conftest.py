from dataclasses import dataclass, field

import pytest

from defdays.award import services
from defdays.award.models import AwardCycle, Source
from defdays.core.roles import RoleName


@dataclass
class World:
    edition: object
    cycle: AwardCycle
    organiser: object
    jurors: list
    nominations: dict = field(default_factory=dict)


def nominate(cycle, name, *, files=(), source=Source.STAFF, **kwargs):
    return services.submit_nomination(
        cycle,
        nominee_name=name,
        country=kwargs.get("country", f"{name} country"),
        field_of_work="Land rights",
        why="Because.",
        risks="Arrest.",
        nominator_contact="someone@example.org",
        files=list(files),
        source=source,
    )


@pytest.fixture
def world(edition, make_user):
    organiser = make_user(RoleName.ORGANISER, edition=edition)
    jurors = [make_user(RoleName.JURY, edition=edition) for _ in range(3)]
    cycle = services.cycle_for(edition)
    cycle = services.save_settings(
        cycle,
        nominations_open=True,
        deadline=None,
        public_form=True,
        criteria=["Courage", "Impact", "Risk"],
        announce_at=None,
        actor=organiser,
    )
    w = World(edition=edition, cycle=cycle, organiser=organiser, jurors=jurors)
    w.nominations = {name: nominate(cycle, name) for name in ("Alpha Nominee", "Beta Nominee")}
    return w
