from django.db import models
from django.utils.translation import gettext_lazy as _

from defdays.core.sensitivity import Sensitivity


class AwardCycle(models.Model):
    """One edition's Civil Rights Defender of the Year Award: its phases and its announcement.

    `announced_at` is the embargo (see `award/embargo.py`): until it is set, nothing outside the organisers and
    the jury may name or hint at the laureate or the shortlist.
    """

    edition = models.OneToOneField("editions.Edition", on_delete=models.CASCADE, related_name="award_cycle")
    # When the worker announces by itself (default: the start of the ceremony session).
    announce_at = models.DateTimeField(_("announcement time"), null=True, blank=True)
    # When it was announced, by the worker or by hand. Set once; the announcement cannot be taken back.
    announced_at = models.DateTimeField(null=True, blank=True)

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "edition": Sensitivity.NONE,
        "announce_at": Sensitivity.STAFF,
        "announced_at": Sensitivity.PUBLIC,
    }

    def __str__(self) -> str:
        return f"Award {self.edition_id}"
