"""Travel reads. The team's pages list only participants of the team's own edition that staff may list (hidden
and erased people left out, through registration's one selector)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from defdays.core.crypto import DecryptionError
from defdays.registration.selectors import own_participation, visible_participations
from defdays.seats import capacity
from defdays.travel.models import GrantStatus, HotelBlock, Itinerary, Receipt, TravelGrant, TravelMode


@dataclass(frozen=True)
class LegView:
    mode: str
    carrier: str
    at: datetime  # in the edition's time zone

    @property
    def mode_label(self):
        return TravelMode(self.mode).label if self.mode in TravelMode.values else self.mode


@dataclass(frozen=True)
class ItineraryView:
    itinerary: Itinerary
    public_name: str
    participation_uid: object
    arrival: LegView | None
    departure: LegView | None
    hotel: str
    room: str


@dataclass(frozen=True)
class BlockFill:
    block: HotelBlock
    name: str
    total: int
    taken: int

    @property
    def free(self) -> int:
        return max(self.total - self.taken, 0)


@dataclass
class Overview:
    arrivals: list[tuple[date, list[ItineraryView]]] = field(default_factory=list)
    departures: list[tuple[date, list[ItineraryView]]] = field(default_factory=list)
    not_booked: list = field(default_factory=list)  # participations without an arrival
    blocks: list[BlockFill] = field(default_factory=list)
    change_asked: list[ItineraryView] = field(default_factory=list)
    grants_pending: list[GrantView] = field(default_factory=list)


@dataclass(frozen=True)
class GrantView:
    grant: TravelGrant
    currency: str
    requested: str
    approved: str
    receipts: list
    public_name: str = ""
    participation_uid: object = None


# What still needs the team: a request to decide, receipts to reimburse.
PENDING = (GrantStatus.REQUESTED, GrantStatus.RECEIPTS)


def grant_view(grant: TravelGrant, *, public_name: str = "", participation_uid=None) -> GrantView:
    return GrantView(
        grant=grant,
        currency=_open(grant, "currency") or "",
        requested=_open(grant, "requested") or "",
        approved=_open(grant, "approved") or "",
        receipts=list(grant.receipts.all()),
        public_name=public_name,
        participation_uid=participation_uid,
    )


def _open(obj, name):
    try:
        return getattr(obj, name)
    except DecryptionError:
        return None


def _leg(itinerary, prefix, tz) -> LegView | None:
    at = _open(itinerary, f"{prefix}_at")
    if not at:
        return None
    return LegView(
        mode=_open(itinerary, f"{prefix}_mode") or "",
        carrier=_open(itinerary, f"{prefix}_carrier") or "",
        at=timezone.localtime(datetime.fromisoformat(at), tz),
    )


def view_of(itinerary: Itinerary, edition, *, public_name: str = "", participation_uid=None) -> ItineraryView:
    block = itinerary.hotel_block
    return ItineraryView(
        itinerary=itinerary,
        public_name=public_name,
        participation_uid=participation_uid,
        arrival=_leg(itinerary, "arrival", edition.tz),
        departure=_leg(itinerary, "departure", edition.tz),
        hotel=(_open(block, "name") or "") if block else "",
        room=_open(itinerary, "room") or "",
    )


def blocks_of(edition) -> list[BlockFill]:
    blocks = list(HotelBlock.objects.filter(edition=edition).select_related("data_key"))
    counted = capacity.counts_of_many([b.capacity_id for b in blocks])
    return [
        BlockFill(b, _open(b, "name") or "", counted[b.capacity_id].total, counted[b.capacity_id].confirmed)
        for b in blocks
    ]


def team_itinerary(edition, participation_uid):
    """(participation, itinerary or None) of one listable participant of this edition, or None (404)."""
    participation = visible_participations(edition).select_related("user").filter(uid=participation_uid).first()
    if participation is None or not participation.is_active:
        return None
    itinerary = (
        Itinerary.objects.select_related("data_key", "hotel_block__data_key")
        .filter(user=participation.user, edition=edition)
        .first()
    )
    return participation, itinerary


def _active_participations(edition) -> list:
    return [p for p in visible_participations(edition).select_related("user") if p.is_active]


def _views(edition, by_user: dict) -> list[ItineraryView]:
    itineraries = Itinerary.objects.filter(edition=edition, user_id__in=list(by_user)).select_related(
        "data_key", "hotel_block__data_key", "edition"
    )
    return [
        view_of(
            itinerary,
            edition,
            public_name=by_user[itinerary.user_id].user.public_name,
            participation_uid=by_user[itinerary.user_id].uid,
        )
        for itinerary in itineraries
    ]


def itinerary_views(edition) -> list[ItineraryView]:
    """Every itinerary of a listable, active participant of this edition, opened, by arrival time (then name):
    what the travel team's export lists."""
    views = _views(edition, {p.user_id: p for p in _active_participations(edition)})
    return sorted(
        views, key=lambda v: (v.arrival is None, v.arrival.at.timestamp() if v.arrival else 0, v.public_name.casefold())
    )


def overview(edition) -> Overview:
    participations = _active_participations(edition)
    by_user = {p.user_id: p for p in participations}
    result = Overview(blocks=blocks_of(edition))
    arrivals, departures = defaultdict(list), defaultdict(list)
    booked = set()
    for view in _views(edition, by_user):
        itinerary = view.itinerary
        if view.arrival:
            booked.add(itinerary.user_id)
            arrivals[view.arrival.at.date()].append(view)
        if view.departure:
            departures[view.departure.at.date()].append(view)
        if itinerary.change_asked_at:
            result.change_asked.append(view)
    grants = TravelGrant.objects.filter(edition=edition, user_id__in=list(by_user), status__in=PENDING)
    for grant in grants.select_related("data_key").prefetch_related("receipts"):
        p = by_user[grant.user_id]
        result.grants_pending.append(grant_view(grant, public_name=p.user.public_name, participation_uid=p.uid))
    result.arrivals = [(day, sorted(rows, key=lambda r: r.arrival.at)) for day, rows in sorted(arrivals.items())]
    result.departures = [(day, sorted(rows, key=lambda r: r.departure.at)) for day, rows in sorted(departures.items())]
    result.not_booked = sorted(
        (p for p in participations if p.user_id not in booked), key=lambda p: p.user.public_name.casefold()
    )
    return result


def own_itinerary(user, edition) -> ItineraryView | None:
    """The viewer's own itinerary, if they take part: nobody reaches another person's."""
    participation = own_participation(user, edition)
    if participation is None or not participation.is_active:
        return None
    itinerary = (
        Itinerary.objects.select_related("data_key", "hotel_block__data_key", "edition")
        .filter(user=user, edition=edition)
        .first()
    )
    return view_of(itinerary, edition) if itinerary else None


def grant_of(user, edition) -> GrantView | None:
    grant = (
        TravelGrant.objects.select_related("data_key").prefetch_related("receipts").filter(user=user, edition=edition)
    ).first()
    return grant_view(grant) if grant else None


def receipt_for_team(edition, uid) -> Receipt | None:
    """A receipt of a listable participant of this edition, for its travel team; None (404) otherwise."""
    users = visible_participations(edition).values("user_id")
    return (
        Receipt.objects.select_related("data_key", "grant")
        .filter(uid=uid, grant__edition=edition, grant__user_id__in=users)
        .first()
    )


@dataclass(frozen=True)
class TravelCounts:
    participants: int
    booked: int
    grants_pending: int

    @property
    def not_booked(self) -> int:
        return max(self.participants - self.booked, 0)


def counts(edition) -> TravelCounts:
    """Numbers only, for the organisers' dashboard: three queries whatever the size of the edition."""
    from defdays.registration.models import ParticipationStatus

    users = visible_participations(edition).exclude(
        status__in=[ParticipationStatus.WITHDRAWN, ParticipationStatus.DECLINED]
    )
    user_ids = users.values("user_id")
    booked = Itinerary.objects.filter(edition=edition, user_id__in=user_ids, arrival_at_enc__isnull=False)
    pending = TravelGrant.objects.filter(edition=edition, user_id__in=user_ids, status__in=PENDING)
    return TravelCounts(users.count(), booked.count(), pending.count())
