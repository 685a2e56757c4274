"""The roles a person can hold in one edition. Roles of one edition give nothing in another.

Role names are the access engine's vocabulary (core.access builds its rules from them), so they live in core,
where the engine and every app can import them without core importing a domain app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleName(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    PROGRAMME = "programme", _("Programme team")
    TRAVEL = "travel", _("Travel & visa team")
    JURY = "jury", _("Jury member")
    SPEAKER = "speaker", _("Speaker / trainer")
    DEFENDER = "defender", _("Defender (closed part)")
    STAKEHOLDER = "stakeholder", _("Stakeholder (closed part)")
    ATTENDEE = "attendee", _("Open-session attendee")
    VOLUNTEER = "volunteer", _("Check-in volunteer")
    SAFETY = "safety", _("Safety team")


# Holding any of these makes an account a staff account: two-factor login and a short idle timeout.
STAFF_ROLES = frozenset(
    {
        RoleName.ORGANISER,
        RoleName.PROGRAMME,
        RoleName.TRAVEL,
        RoleName.JURY,
        RoleName.VOLUNTEER,
        RoleName.SAFETY,
    }
)
# The participants of the closed part: invited (or speaking) there, they see closed sessions once their
# registration stands. Staff see the closed part through their staff role, not through this set.
CLOSED_PART_ROLES = frozenset({RoleName.DEFENDER, RoleName.STAKEHOLDER, RoleName.SPEAKER})
# Everyone who takes part rather than works: the closed part and the open session's attendees.
PARTICIPANT_ROLES = frozenset(RoleName) - STAFF_ROLES
