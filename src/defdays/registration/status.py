"""Where a person stands in each edition, said in their words: the status panel at the top of /me/.

One reader for the person's own participations (never anyone else's): what the status means, what happens next
and when, and what they can do now. The pending-approval note on the programme uses the same reader, so the two
pages never tell a person different stories.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from defdays.registration.models import Participation, ParticipationStatus
from defdays.registration.services import registration_open

S = ParticipationStatus


@dataclass(frozen=True)
class NextAction:
    label: str
    url: str


@dataclass(frozen=True)
class StatusPanel:
    edition: object
    status: str
    status_label: str
    where: str  # where the person stands
    next: str  # what happens next, and when
    actions: list[NextAction] = field(default_factory=list)


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT")


def _panel(participation: Participation) -> StatusPanel:
    edition, status = participation.edition, participation.status
    year = edition.year
    mine = NextAction(_("Your registration"), reverse("registration:mine", kwargs={"year": year}))
    agenda = NextAction(_("My agenda"), reverse("programme:agenda", kwargs={"year": year}))
    programme = NextAction(_("The programme"), reverse("programme:schedule", kwargs={"year": year}))
    contact = NextAction(_("Contact the organisers"), reverse("contact:page", kwargs={"year": year}))
    dates = {"start": _day(edition.start_date), "end": _day(edition.end_date), "city": edition.city}
    if status == S.INVITED:
        where = _("You are invited to the closed part.")
        next_step = _(
            "Accept the invitation from your invitation email: choose your days and accept the code of conduct."
        )
        actions = [contact]
    elif status == S.REGISTERED:
        where = _("You are registered. An organiser still has to approve your registration.")
        next_step = (
            _(
                "We write to you when it is decided, before the conference starts on %(start)s. Until then "
                "the programme shows you the open session only."
            )
            % dates
        )
        actions = [mine, programme]
    elif status == S.APPROVED:
        where = _("Your place is confirmed.")
        next_step = (
            _(
                "The conference runs from %(start)s to %(end)s in %(city)s. Choose your trainings and "
                "sessions; at the venue, check in at the desk with your public name."
            )
            % dates
        )
        actions = [agenda, programme, mine]
    elif status == S.CHECKED_IN:
        where = _("You are checked in. Welcome.")
        next_step = _("Your agenda has your sessions; the programme shows what changed.")
        actions = [agenda, programme]
    elif status == S.DECLINED:
        where = _("The organisers could not offer you a place in this edition.")
        next_step = _("If you have a question about this, write to the contact person.")
        actions = [contact]
    else:  # withdrawn
        where = _("You have withdrawn from this edition.")
        if registration_open(edition):
            next_step = _("Changed your mind? You can ask to come back until %(end)s.") % dates
            actions = [NextAction(_("Ask to come back"), mine.url)]
        else:
            next_step = _("This edition is over.")
            actions = []
    return StatusPanel(
        edition=edition,
        status=status,
        status_label=participation.get_status_display(),
        where=where,
        next=next_step,
        actions=actions,
    )


def status_panels(user) -> list[StatusPanel]:
    """The viewer's own participations in editions that are published, newest edition first."""
    if not user.is_authenticated:
        return []
    rows = (
        Participation.objects.filter(user=user)
        .exclude(edition__status="draft")
        .select_related("edition")
        .order_by("-edition__year")
    )
    return [_panel(row) for row in rows]


def status_panel(user, edition) -> StatusPanel | None:
    if not user.is_authenticated or edition is None:
        return None
    row = Participation.objects.filter(user=user, edition=edition).select_related("edition").first()
    return _panel(row) if row is not None else None
