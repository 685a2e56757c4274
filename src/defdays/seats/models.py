"""The models of seats and waitlists. Claim and release only through defdays.seats.capacity, which holds the lock."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core.sensitivity import Sensitivity


class SeatStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    CANCELLED = "cancelled", _("Cancelled")


class Capacity(models.Model):
    label = models.CharField(_("label"), max_length=200)
    total = models.PositiveIntegerField(_("seats"))
    created_at = models.DateTimeField(default=timezone.now)

    SENSITIVITY = {name: Sensitivity.NONE for name in ("id", "label", "total", "created_at")}

    class Meta:
        # Table names from the time these models lived in core: existing databases keep their rows.
        db_table = "core_capacity"
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")

    def __str__(self):
        return f"{self.label} ({self.total})"


class Seat(models.Model):
    capacity = models.ForeignKey(Capacity, on_delete=models.CASCADE, related_name="seats")
    holder = models.CharField(max_length=100)
    status = models.CharField(max_length=12, choices=SeatStatus.choices)
    queued_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    # Who holds a seat in what is participation data: staff only. The holder key names a record, not a person.
    SENSITIVITY = {
        "id": Sensitivity.NONE,
        "capacity": Sensitivity.NONE,
        "holder": Sensitivity.STAFF,
        "status": Sensitivity.STAFF,
        "queued_at": Sensitivity.STAFF,
        "changed_at": Sensitivity.STAFF,
    }

    class Meta:
        db_table = "core_seat"
        verbose_name = _("seat")
        constraints = [models.UniqueConstraint(fields=["capacity", "holder"], name="one_seat_per_holder")]
        indexes = [models.Index(fields=["capacity", "status", "queued_at"], name="seat_queue")]

    def __str__(self):
        return f"{self.holder}: {self.status}"

    is_new_claim = False  # set by claim(); a plain attribute, not a column
