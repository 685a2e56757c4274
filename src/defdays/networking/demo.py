"""Demo directory for 2013: two listed participants (Nightingale, the demo defender, and Kestrel), one who has a
profile but stays unlisted (Trainer Ada), times and meeting points, and requests in every state."""

from datetime import datetime, time

from defdays.networking import services
from defdays.networking.models import MeetingPoint, MeetingRequest, NetworkingSlot, Profile
from defdays.programme.models import Room

SLOTS = [(1, time(12, 30), time(13, 0)), (1, time(13, 0), time(13, 30)), (3, time(12, 30), time(13, 0))]
TABLES = ["Table 1, by the café (demo)", "Table 2, by the window (demo)"]
PROFILES = [
    # (user key, listed, languages, areas, about, country, organisation)
    ("defender", True, "English, Russian", "Digital security, media freedom", "Journalist (demo profile).", "", ""),
    (
        "defender-1",
        True,
        "English, Arabic",
        "Women's rights",
        "Lawyer, happy to talk about litigation (demo).",
        "",
        "Legal aid group (demo)",
    ),
    ("speaker", False, "English", "Video campaigning", "Trainer (demo profile, not listed).", "", ""),
]


def _slots(edition):
    if not NetworkingSlot.objects.filter(edition=edition).exists():
        for day_index, start, end in SLOTS:
            day = edition.days()[day_index]
            services.slot_add(
                edition=edition,
                starts_at=datetime.combine(day, start, tzinfo=edition.tz),
                ends_at=datetime.combine(day, end, tzinfo=edition.tz),
                actor=None,
            )
    if not MeetingPoint.objects.filter(edition=edition).exists():
        for name in TABLES:
            services.point_add(edition=edition, name=name, room=None, actor=None)
        room = Room.objects.filter(edition=edition, is_closed=True).order_by("position", "id").first()
        if room is not None:
            services.point_add(edition=edition, name="", room=room, actor=None)
    return list(NetworkingSlot.objects.filter(edition=edition)), list(MeetingPoint.objects.filter(edition=edition))


def build(ctx):
    edition, users = ctx.edition, ctx.users
    slots, points = _slots(edition)
    for key, listed, languages, areas, about, country, organisation in PROFILES:
        if key in users and not Profile.objects.filter(user=users[key], edition=edition).exists():
            services.profile_save(
                user=users[key],
                edition=edition,
                listed=listed,
                languages=languages,
                areas=areas,
                about=about,
                country=country,
                organisation=organisation,
            )
    me, kestrel = users["defender"], users["defender-1"]
    if not MeetingRequest.objects.filter(edition=edition).exists():
        me_uid = Profile.objects.get(user=me, edition=edition).uid
        kestrel_uid = Profile.objects.get(user=kestrel, edition=edition).uid

        def ask(sender, uid, slot, point, note):
            return services.request_create(
                sender=sender, edition=edition, profile_uid=uid, slot_id=slot.pk, point_id=point.pk, note=note
            )

        cancelled = ask(me, kestrel_uid, slots[0], points[0], "Shall we talk about secure messaging? (demo)")
        services.request_cancel(user=me, edition=edition, uid=cancelled.uid)
        ask(kestrel, me_uid, slots[0], points[1], "I would like to hear about your reporting (demo).")  # pending
        accepted = ask(me, kestrel_uid, slots[1], points[-1], "Coffee after the training? (demo)")
        services.request_answer(user=kestrel, edition=edition, uid=accepted.uid, accept=True)
        declined = ask(kestrel, me_uid, slots[2], points[0], "")
        services.request_answer(user=me, edition=edition, uid=declined.uid, accept=False)
    ctx.notes.append(
        f"Networking: /me/networking/{edition.year}/ as the demo defender (listed; requests in every state); "
        f"times and meeting points at /orga/{edition.year}/networking/."
    )


def url_examples(ctx) -> dict[str, dict]:
    year = ctx.edition.year
    profile = Profile.objects.filter(edition=ctx.edition, user=ctx.users["defender-1"]).first()
    meeting = MeetingRequest.objects.filter(edition=ctx.edition).first()
    uid = profile.uid if profile else "00000000-0000-4000-8000-000000000000"
    person = {"year": year, "uid": uid}
    return {
        "networking:person": person,
        "networking:request_create": person,
        "networking:block": person,
        "networking:report": person,
        "networking:request": {"year": year, "uid": meeting.uid if meeting else uid},
        "networking:unblock": {"year": year, "uid": "00000000-0000-4000-8000-000000000000"},
    }
