"""Travel and accommodation: per participant and edition, an itinerary (arrival, departure, hotel room), kept by
the edition's travel & visa team; the hotel room blocks it draws on. Every detail is sealed: a flight number, a
hotel or an arrival hour tells an adversary where a defender will be."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.fields import Encrypted
from defdays.core.sensitivity import Sensitivity
from defdays.core.uploads import EncryptedFile


class TravelMode(models.TextChoices):
    AIR = "air", _("Plane")
    RAIL = "rail", _("Train")
    ROAD = "road", _("Bus or car")
    SEA = "sea", _("Boat")
    LOCAL = "local", _("Already in town")


class HotelBlock(models.Model):
    """Rooms held at one hotel for the edition. Its capacity counts through seats.capacity (rooms are seats), so a
    block is never filled past its size by two team members assigning at once. The hotel's name and address are
    sealed under the block's own key, shredded by the retention purge."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    capacity = models.OneToOneField("seats.Capacity", on_delete=models.PROTECT, related_name="+")
    name_enc = models.BinaryField(null=True)
    address_enc = models.BinaryField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    name = Encrypted("name_enc")
    address = Encrypted("address_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "edition": Sensitivity.STAFF,
        "capacity": Sensitivity.STAFF,
        "name_enc": Sensitivity.RESTRICTED,
        "address_enc": Sensitivity.RESTRICTED,
        "created_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"hotel block #{self.pk}"


class Itinerary(models.Model):
    """One participant's journey and room for one edition, sealed under the person's own key: erasure shreds it.
    Times are stored as UTC ISO strings inside the seal and shown in the edition's time zone."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    # SET_NULL, not PROTECT: deleting an edition removes its blocks and itineraries together, in either order.
    hotel_block = models.ForeignKey(HotelBlock, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    arrival_mode_enc = models.BinaryField(null=True)
    arrival_carrier_enc = models.BinaryField(null=True)
    arrival_at_enc = models.BinaryField(null=True)
    departure_mode_enc = models.BinaryField(null=True)
    departure_carrier_enc = models.BinaryField(null=True)
    departure_at_enc = models.BinaryField(null=True)
    room_enc = models.BinaryField(null=True)
    updated_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    change_asked_at = models.DateTimeField(null=True, blank=True)

    arrival_mode = Encrypted("arrival_mode_enc")
    arrival_carrier = Encrypted("arrival_carrier_enc")  # carrier and number, e.g. "SK 1234"
    arrival_at = Encrypted("arrival_at_enc")
    departure_mode = Encrypted("departure_mode_enc")
    departure_carrier = Encrypted("departure_carrier_enc")
    departure_at = Encrypted("departure_at_enc")
    room = Encrypted("room_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "user": Sensitivity.STAFF,
        "edition": Sensitivity.STAFF,
        "hotel_block": Sensitivity.RESTRICTED,
        "arrival_mode_enc": Sensitivity.RESTRICTED,
        "arrival_carrier_enc": Sensitivity.RESTRICTED,
        "arrival_at_enc": Sensitivity.RESTRICTED,
        "departure_mode_enc": Sensitivity.RESTRICTED,
        "departure_carrier_enc": Sensitivity.RESTRICTED,
        "departure_at_enc": Sensitivity.RESTRICTED,
        "room_enc": Sensitivity.RESTRICTED,
        "updated_at": Sensitivity.STAFF,
        "confirmed_at": Sensitivity.STAFF,
        "change_asked_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="one_itinerary_per_edition")]

    def __str__(self):
        return f"itinerary #{self.pk}"


class GrantStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved, waiting for receipts")
    RECEIPTS = "receipts", _("Receipts sent, to reimburse")
    REIMBURSED = "reimbursed", _("Reimbursed")
    REFUSED = "refused", _("Not granted")


class TravelGrant(models.Model):
    """Money towards one participant's journey. Who receives a grant, and how much, says who came from where:
    amounts and currency are sealed under the person's key like the itinerary."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_key = models.ForeignKey("core.DataKey", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=GrantStatus.choices, default=GrantStatus.REQUESTED)
    currency_enc = models.BinaryField(null=True)
    requested_enc = models.BinaryField(null=True)
    approved_enc = models.BinaryField(null=True)
    updated_at = models.DateTimeField(default=timezone.now)

    currency = Encrypted("currency_enc")
    requested = Encrypted("requested_enc")  # a decimal as text
    approved = Encrypted("approved_enc")

    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "uid": Sensitivity.NONE,
        "data_key": Sensitivity.NONE,
        "user": Sensitivity.STAFF,
        "edition": Sensitivity.STAFF,
        "status": Sensitivity.STAFF,
        "currency_enc": Sensitivity.RESTRICTED,
        "requested_enc": Sensitivity.RESTRICTED,
        "approved_enc": Sensitivity.RESTRICTED,
        "updated_at": Sensitivity.STAFF,
    }

    class Meta:
        ordering = ["edition", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="one_travel_grant_per_edition")]

    def __str__(self):
        return f"travel grant #{self.pk}"


class Receipt(EncryptedFile):
    """A ticket or invoice the participant uploads for their grant: cleaned by core.uploads, sealed under their key."""

    grant = models.ForeignKey(TravelGrant, on_delete=models.CASCADE, related_name="receipts")

    SENSITIVITY = {**EncryptedFile.SENSITIVITY, "grant": Sensitivity.STAFF}

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"receipt #{self.pk}"
