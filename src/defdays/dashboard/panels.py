"""The panels of the organisers' dashboard, in the order they show.

Each builder takes the edition and returns a Panel (or None when it has nothing to say), reading through the
selectors of the apps below: counts only, each in a fixed number of queries whatever the size of the edition
(tests/security/test_query_counts.py walks the page on ten times the demo).

Adding a panel (travel booked and missing, visa letters pending, check-ins today, ...): write a builder here that
calls its app's selector, and append it to PANELS. Nothing else changes: the page draws every panel the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from defdays.award.models import AwardCycle
from defdays.badges.selectors import check_ins_by_day
from defdays.dashboard.charts import Chart, Series, bar_chart, stacked_chart
from defdays.invitations.models import FILTER_CHOICES
from defdays.invitations.selectors import counts_by_state
from defdays.opensession.selectors import fill_of
from defdays.programme.selectors import training_fill
from defdays.registration.models import ParticipationStatus
from defdays.registration.selectors import counts_by_day_and_status, retained_counts
from defdays.travel.selectors import counts as travel_counts
from defdays.visas.selectors import pending_count as visa_letters_pending


@dataclass
class Panel:
    key: str
    title: str
    charts: list[Chart] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)  # (term, value) lines
    empty: str = ""  # said instead of the charts when there is nothing to count yet


def invitations(edition) -> Panel:
    found = counts_by_state(edition)
    panel = Panel("invitations", _("Invitations"))
    if not any(found.values()):
        panel.empty = _("No invitations yet.")
        return panel
    panel.charts.append(
        bar_chart(
            id="chart-invitations",
            title=_("Invitations by state"),
            description=_("How many invitations of this edition are queued, sent, expired, redeemed or revoked."),
            rows=[(str(label), found[value]) for value, label in FILTER_CHOICES],
            row_heading=_("State"),
            value_label=_("Invitations"),
        )
    )
    return panel


REGISTRATION_SERIES = [
    ParticipationStatus.REGISTERED,
    ParticipationStatus.APPROVED,
    ParticipationStatus.CHECKED_IN,
    ParticipationStatus.DECLINED,
    ParticipationStatus.WITHDRAWN,
]


def registrations(edition) -> Panel:
    found = counts_by_day_and_status(edition)
    panel = Panel("registrations", _("Registrations"))
    if not any(n for day in found.values() for n in day.values()):
        retained = retained_counts(edition)
        if not retained:
            panel.empty = _("No registrations yet.")
            return panel
        # After the retention purge only numbers by role and status are left: show those, not "none yet".
        panel.empty = _("The registrations of this edition were deleted after it ended; these numbers remain.")
        totals: dict[str, int] = {}
        for row in retained:
            totals[row.status] = totals.get(row.status, 0) + row.number
        panel.charts.append(
            bar_chart(
                id="chart-registrations",
                title=_("Registrations by status, after the retention purge"),
                description=_("How many registrations of this edition ended in each status."),
                rows=[(str(status.label), totals.get(status.value, 0)) for status in REGISTRATION_SERIES],
                row_heading=_("Status"),
                value_label=_("Registrations"),
            )
        )
        return panel
    series = [Series(key=status.value, label=str(status.label)) for status in REGISTRATION_SERIES]
    rows = [(formats.date_format(day, "D j M"), found[day.isoformat()]) for day in edition.days()]
    panel.charts.append(
        stacked_chart(
            id="chart-registrations",
            title=_("Registrations per day and status"),
            description=_(
                "For each day of the edition, how many people registered for it, by the status of their registration."
            ),
            series=series,
            rows=rows,
            row_heading=_("Day"),
        )
    )
    return panel


def _fill_row(counts) -> dict[str, int]:
    return {"confirmed": counts.confirmed, "free": counts.free, "waitlisted": counts.waitlisted}


def _fill_panel(key, title, *, found, empty, chart_title, description) -> Panel:
    """Seats and waitlists of sessions with a capacity: one stacked bar per session, (session, Counts) pairs."""
    panel = Panel(key, title)
    if not found:
        panel.empty = empty
        return panel
    panel.charts.append(
        stacked_chart(
            id=f"chart-{key}",
            title=chart_title,
            description=description,
            series=[
                Series(key="confirmed", label=_("Confirmed")),
                Series(key="free", label=_("Free seats")),
                Series(key="waitlisted", label=_("Waitlisted")),
            ],
            rows=[(session.title, _fill_row(counts)) for session, counts in found],
            row_heading=_("Session"),
        )
    )
    return panel


def open_session(edition) -> Panel:
    return _fill_panel(
        "open-session",
        _("Open session"),
        found=fill_of(edition),
        empty=_("This edition has no open session yet."),
        chart_title=_("Open-session seats and waitlist"),
        description=_("For each open session: confirmed seats, seats still free, and people on the waitlist."),
    )


def trainings(edition) -> Panel:
    return _fill_panel(
        "trainings",
        _("Trainings"),
        found=training_fill(edition),
        empty=_("No training has seats yet (seats open when a version with them is published)."),
        chart_title=_("Training seats and waitlists"),
        description=_("For each training with seats: confirmed seats, seats still free, and the waitlist."),
    )


def award(edition) -> Panel:
    """The award's phase. Only organisers see the dashboard, so it may say whether and when the announcement is;
    it never names a nominee or the laureate."""
    cycle = AwardCycle.objects.filter(edition=edition).first()
    panel = Panel("award", _("Award"))
    if cycle is None:
        panel.empty = _("No award is set up for this edition.")
    elif cycle.announced_at is not None:
        when = formats.date_format(cycle.announced_at.astimezone(edition.tz), "j E Y, H:i")
        panel.facts.append((_("Phase"), _("Announced")))
        panel.facts.append((_("Announced on"), when))
    else:
        panel.facts.append((_("Phase"), _("Before the announcement (embargo)")))
        if cycle.announce_at is not None:
            when = formats.date_format(cycle.announce_at.astimezone(edition.tz), "j E Y, H:i")
            panel.facts.append((_("Announcement planned"), when))
        else:
            panel.facts.append((_("Announcement planned"), _("no time set")))
    return panel


def travel(edition) -> Panel:
    """How far the travel team is: counts only, no name, flight or hotel."""
    found = travel_counts(edition)
    panel = Panel("travel", _("Travel and visa letters"))
    panel.facts.append((_("Arrival booked"), str(found.booked)))
    panel.facts.append((_("Not yet booked"), str(found.not_booked)))
    panel.facts.append((_("Travel grants to handle"), str(found.grants_pending)))
    panel.facts.append((_("Visa letters to issue"), str(visa_letters_pending(edition))))
    return panel


def check_ins(edition) -> Panel:
    found = check_ins_by_day(edition)
    panel = Panel("check-ins", _("Check-in"))
    if not any(n for _day, n in found):
        panel.empty = _("Nobody is checked in yet.")
        return panel
    panel.charts.append(
        bar_chart(
            id="chart-check-ins",
            title=_("Check-ins by day"),
            description=_("How many people the check-in desk checked in on each day of the edition."),
            rows=[(formats.date_format(day, "D j E"), n) for day, n in found],
            row_heading=_("Day"),
            value_label=_("People"),
        )
    )
    return panel


# In display order.
PANELS: list[Callable] = [invitations, registrations, open_session, trainings, award, travel, check_ins]


def panels_for(edition) -> list[Panel]:
    return [panel for build in PANELS if (panel := build(edition)) is not None]
