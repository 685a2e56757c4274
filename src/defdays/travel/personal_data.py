"""What the travel app holds about a person: their itineraries (journeys, hotel, room) and travel grants with
their receipts, sealed under their key. Retention class "travel": the purge destroys them and shreds the hotel
blocks' keys soon after the edition."""

from defdays.travel import selectors, services
from defdays.travel.models import HotelBlock, Itinerary, TravelGrant


def _leg(leg):
    return {"mode": leg.mode, "carrier": leg.carrier, "at": leg.at.isoformat()} if leg else None


CATEGORY = "travel"


def export_for(user) -> dict:
    rows = []
    for itinerary in Itinerary.objects.filter(user=user).select_related("edition", "data_key", "hotel_block__data_key"):
        view = selectors.view_of(itinerary, itinerary.edition)
        rows.append(
            {
                "edition": itinerary.edition.year,
                "arrival": _leg(view.arrival),
                "departure": _leg(view.departure),
                "hotel": view.hotel or None,
                "room": view.room or None,
                "confirmed_at": itinerary.confirmed_at.isoformat() if itinerary.confirmed_at else None,
            }
        )
    grants = []
    for grant in TravelGrant.objects.filter(user=user).select_related("edition", "data_key"):
        view = selectors.grant_view(grant)
        grants.append(
            {
                "edition": grant.edition.year,
                "status": grant.status,
                "currency": view.currency,
                "requested": view.requested,
                "approved": view.approved or None,
                "receipts": [receipt.name for receipt in view.receipts],
            }
        )
    return {"itineraries": rows, "travel_grants": grants}


def erase_for(user) -> None:
    services.erase_itineraries(Itinerary.objects.filter(user=user))
    services.erase_grants(TravelGrant.objects.filter(user=user))


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    itineraries = Itinerary.objects.filter(edition=edition)
    if dry_run:
        return {
            "itineraries": itineraries.count(),
            "travel grants": TravelGrant.objects.filter(edition=edition).count(),
            "hotel blocks": HotelBlock.objects.filter(edition=edition, name_enc__isnull=False).count(),
        }
    return {
        "itineraries": services.erase_itineraries(itineraries),
        "travel grants": services.erase_grants(TravelGrant.objects.filter(edition=edition)),
        "hotel blocks": services.purge_hotel_blocks(edition),
    }
