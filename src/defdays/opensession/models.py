"""The open session: public, anyone may book a seat with a name and an email, no account needed.

A booking's email and name are restricted (encrypted under the booking's own data key; the email is found by a keyed
index), so a copy of the database does not list who booked, and purging an edition or erasing a person shreds that
key and both are gone for good. The manage link's token is found by its hash and kept encrypted under the same key,
so a later email can repeat the working link instead of replacing it. The seat itself (confirmed, waitlisted,
cancelled) lives in defdays.seats.capacity; a booking whose owner has not yet confirmed it from the emailed link holds
no seat at all (status "pending").
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.multilingual import TranslationsField
from defdays.core.sensitivity import Sensitivity
from defdays.seats.capacity import Capacity, SeatStatus

# A booking made through the public form that its email's owner has not confirmed yet: it holds no seat.
PENDING = "pending"


class OpenSession(models.Model):
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="open_sessions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happens"))
    starts_at = models.DateTimeField(_("starts"))  # stored in UTC, shown in the edition's time zone
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("where"), max_length=300)
    capacity = models.OneToOneField(Capacity, on_delete=models.PROTECT, related_name="+")
    sign_up_open = models.BooleanField(_("sign-up open"), default=True)
    # The public texts in the site's other languages (core.multilingual); English above is the fallback.
    translations = TranslationsField(fields=("title", "description", "place"))

    SENSITIVITY = {
        name: Sensitivity.NONE
        for name in (
            "id",
            "edition",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "capacity",
            "sign_up_open",
            "translations",
        )
    }

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("open session")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="open_session_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Booking(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    open_session = models.ForeignKey(OpenSession, on_delete=models.CASCADE, related_name="bookings")
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    name_enc = models.BinaryField(null=True)
    email_enc = models.BinaryField(null=True)
    # Empty once the booking's personal data has been destroyed (erasure, retention purge).
    email_index = models.CharField(max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    token_hash = models.CharField(max_length=64, unique=True, null=True)  # noqa: DJ001 (NULLs may repeat, "" may not)
    # The manage token itself, sealed: null for bookings made before it was kept (their links are replaced instead).
    token_enc = models.BinaryField(null=True)
    link_sent_at = models.DateTimeField(null=True)
    created_at = models.DateTimeField(default=timezone.now)
    purged_at = models.DateTimeField(null=True)
    is_demo = models.BooleanField(default=False)

    email = Encrypted("email_enc")
    manage_token = Encrypted("token_enc")
    # Lists sort by sign-up order, never by name, so nothing needs the name in clear in the database.
    name = Encrypted("name_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "open_session": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "name_enc": Sensitivity.RESTRICTED,
        "email_enc": Sensitivity.RESTRICTED,
        "email_index": Sensitivity.STAFF,
        "language": Sensitivity.STAFF,
        "token_hash": Sensitivity.RESTRICTED,
        "token_enc": Sensitivity.RESTRICTED,
        "link_sent_at": Sensitivity.STAFF,
        "created_at": Sensitivity.STAFF,
        "purged_at": Sensitivity.NONE,
        "is_demo": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("booking")
        constraints = [
            # One booking per address per session: the same email twice answers with the existing booking.
            models.UniqueConstraint(
                fields=["open_session", "email_index"],
                condition=~models.Q(email_index=""),
                name="one_booking_per_email",
            ),
        ]

    def __str__(self):
        return f"booking {self.pk}"

    @property
    def holder(self) -> str:
        """The key of this booking's seat in the session's Capacity."""
        return f"booking:{self.uid}"

    @property
    def seat(self):
        # Cached per instance: lists prefetch it (see selectors.bookings_for_organisers).
        if "_seat" not in self.__dict__:
            from defdays.seats.capacity import seat_of

            self._seat = seat_of(self.open_session.capacity_id, self.holder)
        return self._seat

    @property
    def status(self) -> str:
        seat = self.seat
        return seat.status if seat is not None else PENDING

    def get_status_display(self):
        return _("Not confirmed yet") if self.status == PENDING else SeatStatus(self.status).label
