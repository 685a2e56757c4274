"""Demo travel for 2013: two hotel blocks, itineraries for three participants (fictional flights and trains), the
foundation officer not yet booked."""

from datetime import datetime
from decimal import Decimal

from defdays.registration.models import Participation
from defdays.travel import services
from defdays.travel.models import GrantStatus, HotelBlock, Itinerary, Receipt, TravelGrant

BLOCKS = [("Hotel Demo Norrmalm", "Demo street 1, Stockholm", 12), ("Pension Demo Söder", "Demo lane 2, Stockholm", 4)]
# (user key, arrival (mode, carrier, day, hour, minute), departure (...), block index, room)
TRIPS = [
    ("defender", ("air", "SK 1234 (demo)", 1, 14, 35), ("air", "SK 1235 (demo)", 6, 9, 10), 0, "214"),
    ("defender-1", ("air", "LH 800 (demo)", 2, 8, 5), ("air", "LH 803 (demo)", 5, 18, 40), 0, "215"),
    ("speaker", ("rail", "SJ 540 (demo)", 2, 11, 20), ("rail", "SJ 547 (demo)", 5, 16, 0), 1, "3"),
]


def build(ctx):
    edition, team = ctx.edition, ctx.users.get("travel")
    if not HotelBlock.objects.filter(edition=edition).exists():
        for name, address, rooms in BLOCKS:
            services.hotel_block_create(edition=edition, name=name, address=address, rooms=rooms, actor=team)
    blocks = list(HotelBlock.objects.filter(edition=edition).order_by("created_at", "id"))
    for key, arrival, departure, block, room in TRIPS:
        user = ctx.users[key]
        if Itinerary.objects.filter(user=user, edition=edition).exists():
            continue
        if not Participation.objects.filter(user=user, edition=edition).exists():
            continue

        def leg(mode, carrier, day, hour, minute):
            at = datetime(edition.year, 4, day, hour, minute, tzinfo=edition.tz)
            return services.Leg(mode=mode, carrier=carrier, at=at)

        services.itinerary_save(
            edition=edition,
            user=user,
            arrival=leg(*arrival),
            departure=leg(*departure),
            hotel_block=blocks[block],
            room=room,
            actor=team,
        )
    speaker = ctx.users["speaker"]
    if not TravelGrant.objects.filter(user=speaker, edition=edition).exists():
        services.grant_save(
            edition=edition,
            user=speaker,
            currency="SEK",
            requested=Decimal("2400"),
            approved=None,
            status=GrantStatus.REQUESTED,
            actor=team,
        )
    ctx.notes.append(
        f"Travel: /orga/{edition.year}/travel/ (travel desk): three itineraries, two hotel blocks, one grant to "
        "decide; the foundation officer is not booked yet."
    )


def url_examples(ctx) -> dict[str, dict]:
    participation = Participation.objects.filter(edition=ctx.edition, user=ctx.users["defender-1"]).first()
    receipt = Receipt.objects.filter(grant__edition=ctx.edition).first()
    year = ctx.edition.year
    return {
        "travel:edit": {"year": year, "uid": participation.uid},
        "travel:grant": {"year": year, "uid": participation.uid},
        "travel:receipt": {"year": year, "uid": receipt.uid if receipt else "00000000-0000-0000-0000-000000000000"},
    }
