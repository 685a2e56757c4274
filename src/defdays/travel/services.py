"""Writes of travel and accommodation, each in one transaction and audited there (the audit detail never holds a
flight, a time or a hotel). Rooms are claimed through seats.capacity under its row lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.accounts.models import Role
from defdays.audit import services as audit
from defdays.audit.services import Action
from defdays.core.links import absolute_url
from defdays.core.models import DataKey
from defdays.core.roles import RoleName
from defdays.core.uploads import DOCUMENT_KINDS, clean_upload
from defdays.mail.services import send_templated
from defdays.seats import capacity
from defdays.travel.models import GrantStatus, HotelBlock, Itinerary, Receipt, TravelGrant

CHANGE_ASKED_SUBJECT = _("A participant asks for a travel change")


class TravelError(ValueError):
    """The change cannot be made; the message says why."""


@dataclass(frozen=True)
class Leg:
    mode: str
    carrier: str  # carrier and number, e.g. "SK 1234"
    at: datetime  # aware


def holder_of(itinerary: Itinerary) -> str:
    # The seat names the record, not the person: a capacity table read alone links nobody to a hotel.
    return f"itinerary:{itinerary.uid}"


def check_legs(arrival: Leg | None, departure: Leg | None) -> None:
    if arrival and departure and departure.at < arrival.at:
        raise TravelError(_("The departure cannot be before the arrival."))


def hotel_block_create(*, edition, name: str, address: str, rooms: int, actor) -> HotelBlock:
    if rooms < 1:
        raise TravelError(_("A hotel block has at least one room."))
    with transaction.atomic():
        block = HotelBlock(edition=edition, data_key=DataKey.create())
        # The label is what the seats tables show: no hotel name in it.
        block.capacity = capacity.Capacity.objects.create(label=f"Hotel block {block.uid}", total=rooms)
        block.name, block.address = name.strip(), address.strip()
        block.save()
        audit.record(Action.HOTEL_BLOCK_SAVED, actor=actor, target=block, edition=edition, rooms=rooms)
    return block


def hotel_block_resize(*, block: HotelBlock, rooms: int, actor) -> None:
    with transaction.atomic():
        try:
            capacity.change_total(block.capacity_id, rooms)
        except capacity.CapacityError as exc:
            raise TravelError(_("More rooms are already given out than that.")) from exc
        audit.record(Action.HOTEL_BLOCK_SAVED, actor=actor, target=block, edition=block.edition, rooms=rooms)


def _leg_into(itinerary: Itinerary, prefix: str, leg: Leg | None) -> None:
    setattr(itinerary, f"{prefix}_mode", leg.mode if leg else None)
    setattr(itinerary, f"{prefix}_carrier", leg.carrier.strip() if leg else None)
    setattr(itinerary, f"{prefix}_at", leg.at.astimezone(UTC).isoformat() if leg else None)


def itinerary_save(
    *, edition, user, arrival: Leg | None, departure: Leg | None, hotel_block: HotelBlock | None, room: str, actor
) -> Itinerary:
    """The travel team books or changes a participant's journey and room. Moving to another block gives the old
    room back first, in the same transaction; a full block raises TravelError and nothing is written."""
    check_legs(arrival, departure)
    if hotel_block is not None and hotel_block.edition_id != edition.pk:
        raise TravelError(_("That hotel block belongs to another edition."))
    with transaction.atomic():
        itinerary = Itinerary.objects.select_for_update().filter(user=user, edition=edition).first()
        if itinerary is None:
            itinerary = Itinerary.objects.create(user=user, edition=edition, data_key=user.data_key)
        itinerary.data_key = user.data_key
        if itinerary.hotel_block_id != (hotel_block.pk if hotel_block else None):
            if hotel_block is not None:
                try:
                    capacity.claim(hotel_block.capacity_id, holder_of(itinerary), waitlist=False)
                except capacity.CapacityFull as exc:
                    raise TravelError(_("This hotel block is full.")) from exc
            if itinerary.hotel_block_id is not None:
                capacity.release(itinerary.hotel_block.capacity_id, holder_of(itinerary))
        itinerary.hotel_block = hotel_block
        _leg_into(itinerary, "arrival", arrival)
        _leg_into(itinerary, "departure", departure)
        itinerary.room = room.strip() or None
        itinerary.updated_at = timezone.now()
        itinerary.confirmed_at = itinerary.change_asked_at = None  # a new plan is confirmed again
        itinerary.save()
        audit.record(Action.ITINERARY_SAVED, actor=actor, target=itinerary, edition=edition)
    return itinerary


def itinerary_confirm(*, itinerary: Itinerary, user) -> None:
    with transaction.atomic():
        Itinerary.objects.filter(pk=itinerary.pk, user=user).update(confirmed_at=timezone.now(), change_asked_at=None)
        audit.record(Action.ITINERARY_CONFIRMED, actor=user, target=itinerary, edition=itinerary.edition)


def itinerary_change_ask(*, itinerary: Itinerary, user) -> int:
    """The participant asks for a change; each team member is told that someone asked, and where to look. The
    email names no person, flight or hotel: a team mailbox is not where travel details should pile up."""
    edition = itinerary.edition
    with transaction.atomic():
        Itinerary.objects.filter(pk=itinerary.pk, user=user).update(change_asked_at=timezone.now(), confirmed_at=None)
        audit.record(Action.ITINERARY_CHANGE_ASKED, actor=user, target=itinerary, edition=edition)
        team = Role.objects.filter(edition=edition, role=RoleName.TRAVEL).filter(Q(user__is_active=True))
        link = absolute_url(reverse("travel:overview", kwargs={"year": edition.year}))
        sent = 0
        for role in team.select_related("user"):
            send_templated(
                role.user.email,
                CHANGE_ASKED_SUBJECT,
                "travel/email/change_asked",
                {"link": link},
                language=role.user.language,
            )
            sent += 1
    return sent


def erase_itineraries(queryset) -> int:
    """Give the rooms back, then delete the rows (their values are sealed under keys erasure shreds anyway)."""
    with transaction.atomic():
        rows = list(queryset.select_related("hotel_block"))
        for itinerary in rows:
            if itinerary.hotel_block_id is not None:
                capacity.release(itinerary.hotel_block.capacity_id, holder_of(itinerary))
        ids = [row.pk for row in rows]
        audit.forget_targets(Itinerary, ids)
        Itinerary.objects.filter(pk__in=ids).delete()
    return len(ids)


def purge_hotel_blocks(edition) -> int:
    with transaction.atomic():
        # Only blocks not purged yet: a second purge finds nothing to do and says so.
        blocks = list(HotelBlock.objects.filter(edition=edition, name_enc__isnull=False).select_related("data_key"))
        for block in blocks:
            block.data_key.shred()
        HotelBlock.objects.filter(pk__in=[b.pk for b in blocks]).update(name_enc=None, address_enc=None)
    return len(blocks)


RECEIPT_MAX_BYTES = 5 * 1024 * 1024


def grant_save(
    *, edition, user, currency: str, requested: Decimal, approved: Decimal | None, status: str, actor
) -> TravelGrant:
    """The travel team records or updates a participant's grant."""
    if approved is not None and approved < 0 or requested < 0:
        raise TravelError(_("An amount cannot be negative."))
    with transaction.atomic():
        grant = TravelGrant.objects.select_for_update().filter(user=user, edition=edition).first()
        if grant is None:
            grant = TravelGrant(user=user, edition=edition, data_key=user.data_key)
        grant.data_key = user.data_key
        grant.currency = currency.strip().upper()
        grant.requested = f"{requested:.2f}"
        grant.approved = f"{approved:.2f}" if approved is not None else None
        grant.status, grant.updated_at = status, timezone.now()
        grant.save()
        audit.record(Action.GRANT_SAVED, actor=actor, target=grant, edition=edition, status=status)
    return grant


def receipt_add(*, grant: TravelGrant, user, upload) -> Receipt:
    """The participant sends a receipt: a PDF or an image only, cleaned (metadata gone) and sealed under their key.
    UploadRefused carries the reason for them."""
    clean = clean_upload(upload, kinds=DOCUMENT_KINDS, max_bytes=RECEIPT_MAX_BYTES)
    with transaction.atomic():
        locked = TravelGrant.objects.select_for_update().select_related("data_key").get(pk=grant.pk, user=user)
        receipt = Receipt(grant=locked, data_key=locked.data_key)
        receipt.seal(clean)
        receipt.save()
        if locked.status == GrantStatus.APPROVED:
            locked.status, locked.updated_at = GrantStatus.RECEIPTS, timezone.now()
            locked.save(update_fields=["status", "updated_at"])
        audit.record(Action.RECEIPT_ADDED, actor=user, target=locked, edition=locked.edition)
    return receipt


def receipt_read(*, receipt: Receipt, actor, edition) -> None:
    audit.record(Action.RESTRICTED_READ, actor=actor, target=receipt.grant, edition=edition, what="receipt")


def erase_grants(queryset) -> int:
    ids = list(queryset.values_list("pk", flat=True))
    with transaction.atomic():
        audit.forget_targets(TravelGrant, ids)
        Receipt.objects.filter(grant_id__in=ids).delete()
        TravelGrant.objects.filter(pk__in=ids).delete()
    return len(ids)
