"""The export kinds: participants, travel, check-in. Each column's class comes from its model's SENSITIVITY."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.accounts.models import User
from defdays.badges import selectors as badges
from defdays.badges.models import DayCheckIn
from defdays.core.roles import RoleName
from defdays.exports.registry import Column, ExportKind, register
from defdays.registration import selectors as registration
from defdays.registration.models import Participation
from defdays.travel import selectors as travel
from defdays.travel.models import Itinerary


def _participants(edition):
    # pipeline() lists through accounts.visibility: hidden and erased people are not in any export.
    return registration.pipeline(edition).select_related("user__data_key", "data_key")


PARTICIPANTS = register(
    ExportKind(
        key="participants",
        label=_("Participants"),
        roles=frozenset({RoleName.ORGANISER}),
        columns=(
            Column("public_name", _("public name"), User, "public_name", lambda p: p.user.public_name),
            Column("role", _("role"), Participation, "role", lambda p: p.role),
            Column("status", _("status"), Participation, "status", lambda p: p.status),
            Column("days", _("days"), Participation, "days", lambda p: " ".join(p.days)),
            Column("photo_consent", _("photo consent"), Participation, "photo_consent", lambda p: p.photo_consent),
            Column(
                "code_of_conduct",
                _("code of conduct version"),
                Participation,
                "code_of_conduct_version",
                lambda p: p.code_of_conduct_version,
            ),
            Column(
                "registered_at", _("registered at"), Participation, "created_at", lambda p: p.created_at.isoformat()
            ),
            Column("email", _("email"), User, "email_enc", lambda p: p.user.email or ""),
            Column(
                "access_needs", _("access needs"), Participation, "access_needs_enc", lambda p: p.access_needs or ""
            ),
        ),
        rows=_participants,
        default=("public_name", "role", "status", "days"),
    )
)


def _minute(at) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at else ""


def _leg_columns(prefix: str, label_at, label_mode, label_carrier) -> tuple[Column, ...]:
    def leg(view):
        return getattr(view, prefix)

    return (
        Column(f"{prefix}_at", label_at, Itinerary, f"{prefix}_at_enc", lambda v: _minute(leg(v) and leg(v).at)),
        Column(
            f"{prefix}_mode",
            label_mode,
            Itinerary,
            f"{prefix}_mode_enc",
            lambda v: str(leg(v).mode_label) if leg(v) else "",
        ),
        Column(
            f"{prefix}_carrier",
            label_carrier,
            Itinerary,
            f"{prefix}_carrier_enc",
            lambda v: leg(v).carrier if leg(v) else "",
        ),
    )


# The travel team's arrivals and departures. Every journey detail is RESTRICTED in Itinerary.SENSITIVITY (an
# arrival hour or a flight number says where a defender will be, and when): asking for any of them takes a
# current code and a second organiser's approval, like any restricted column. Name and the confirmation state go
# on one key. Rows and decryption come from the travel app's own selector (listed, active, this edition only).
TRAVEL = register(
    ExportKind(
        key="travel",
        label=_("Travel: arrivals and departures"),
        roles=frozenset({RoleName.TRAVEL, RoleName.ORGANISER}),
        columns=(
            Column("public_name", _("public name"), User, "public_name", lambda v: v.public_name),
            *_leg_columns("arrival", _("arrival"), _("arrival mode"), _("arrival carrier and number")),
            *_leg_columns("departure", _("departure"), _("departure mode"), _("departure carrier and number")),
            Column("hotel", _("hotel"), Itinerary, "hotel_block", lambda v: v.hotel),
            Column("room", _("room"), Itinerary, "room_enc", lambda v: v.room),
            Column(
                "confirmed_at",
                _("confirmed by the participant"),
                Itinerary,
                "confirmed_at",
                lambda v: _minute(
                    v.itinerary.confirmed_at and timezone.localtime(v.itinerary.confirmed_at, v.itinerary.edition.tz)
                ),
            ),
        ),
        rows=travel.itinerary_views,
        default=("public_name", "arrival_at", "arrival_mode", "departure_at", "departure_mode"),
    )
)


# The check-in desk's list. A check-in time is STAFF in DayCheckIn.SENSITIVITY: a list of who was at the venue
# when is a record of presence, so the organisers export it and a volunteer (ceiling PUBLIC) does not. What the
# desk legitimately needs offline is the list of public names it expects (approved and listed: the people who
# hold a badge), to tick by hand when the scanner or the network fails; the desk page shows those names anyway.
CHECK_IN = register(
    ExportKind(
        key="check_in",
        label=_("Check-in list"),
        roles=frozenset({RoleName.VOLUNTEER, RoleName.ORGANISER}),
        columns=(
            Column("public_name", _("public name"), User, "public_name", lambda r: r.public_name),
            Column("checked_in", _("checked in"), DayCheckIn, "at", lambda r: " ".join(map(_minute, r.checked_in))),
        ),
        rows=badges.desk_rows,
        default=("public_name",),
    )
)
